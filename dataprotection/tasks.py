"""The retention run as a background task, for a scheduler that enqueues tasks (the portal's
worker has no periodic scheduler of its own: cron runs `manage.py apply_retention` daily)."""

from django_tasks import task

from .retention import apply_retention


@task(queue_name="default")
def apply_retention_task() -> dict:
    """The same as the management command; idempotent, so a recovered task runs again."""
    return apply_retention()


def register_recovery() -> None:
    from portal.worker import policies

    policies.register(apply_retention_task, retry=True)
