"""The task queue's backlog, for readiness and metrics: how many tasks wait to run and since
when. Only the database queue (django-tasks-db) can be asked; another backend reports nothing."""

import logging

from django.db.models import Count, Min
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

logger = logging.getLogger(__name__)


def backlog() -> dict[str, dict[str, float | int]]:
    """{queue name: {"ready": waiting tasks due now, "oldest_seconds": age of the oldest}}.

    One grouped query on the partial index of ready tasks; {} for another backend or when the
    query fails (the caller reports the database itself)."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return {}
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    try:
        rows = (DBTaskResult.objects.ready().values("queue_name")
                .annotate(ready=Count("id"), oldest=Min("enqueued_at")).order_by("queue_name"))
        return {row["queue_name"]: {"ready": row["ready"],
                                    "oldest_seconds": round((now - row["oldest"]).total_seconds(), 1)}
                for row in rows}
    except Exception:
        logger.warning("The task backlog could not be read", exc_info=True)
        return {}
