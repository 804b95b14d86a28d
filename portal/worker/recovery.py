"""Tasks whose run was interrupted: retried when they may run again, otherwise failed visibly.

A task is *abandoned* when it is RUNNING but nobody runs it any more:
- its worker (the last id in ``worker_ids``) has a heartbeat row not refreshed for
  PORTAL_TASK_LEASE_SECONDS (the process died, was killed, or lost its host);
- its worker has no heartbeat row (a plain ``db_worker``) and it started more than
  PORTAL_TASK_MAX_RUNTIME_SECONDS ago;
- or the caller names the worker: a supervised worker that lost the database mid-task knows
  that the task it claimed is no longer running.

What happens next is the task's RecoveryPolicy (policies.py): an idempotent task goes back to
READY until it has been claimed PORTAL_TASK_MAX_ATTEMPTS times; every other task, and one that
used up its attempts, becomes FAILED with the exception ``TaskAbandoned`` and its
``on_abandoned`` hook marks the staff-visible job failed. Each change is a conditional UPDATE
on (status, started_at), so two workers recovering at once change a task once.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ..models import TaskWorker
from .options import option
from .policies import policy_for

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
DATABASE_ERROR_PATHS = {f"{cls.__module__}.{cls.__qualname__}" for cls in DATABASE_ERRORS}

RETRIED = "retried"
FAILED = "failed"
UNCHANGED = "changed meanwhile"


class TaskAbandoned(Exception):
    """Recorded as the exception of a task that was given up after its worker stopped."""


ABANDONED_PATH = f"{TaskAbandoned.__module__}.{TaskAbandoned.__qualname__}"


@dataclass
class RecoveryReport:
    now: datetime
    dry_run: bool
    tasks: list[dict] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.tasks if row["action"] == action)

    def as_dict(self) -> dict:
        return {"now": self.now.isoformat(), "dry_run": self.dry_run, "found": len(self.tasks),
                "retried": self.count(RETRIED), "failed": self.count(FAILED),
                "tasks": self.tasks}


def _last_worker(result: DBTaskResult) -> str:
    return result.worker_ids[-1] if result.worker_ids else ""


def abandoned_tasks(*, now: datetime, worker_id: str | None = None) -> list[tuple]:
    """(task result, reason) of every abandoned task, oldest first."""
    running = list(DBTaskResult.objects.running().order_by("started_at"))
    if worker_id is not None:
        return [(r, "its worker lost the database") for r in running
                if _last_worker(r) == worker_id]
    lease = timedelta(seconds=option("PORTAL_TASK_LEASE_SECONDS"))
    max_runtime = timedelta(seconds=option("PORTAL_TASK_MAX_RUNTIME_SECONDS"))
    seen = dict(TaskWorker.objects.filter(
        worker_id__in={_last_worker(r) for r in running}).values_list("worker_id", "seen_at"))
    found = []
    for result in running:
        last_seen = seen.get(_last_worker(result))
        if last_seen is not None:
            if last_seen < now - lease:
                found.append((result, "its worker stopped"))
        elif result.started_at is None or result.started_at < now - max_runtime:
            found.append((result, "running too long without a worker heartbeat"))
    return found


def _give_up(result: DBTaskResult) -> None:
    hook = policy_for(result.task_path).on_abandoned
    if hook is None:
        return
    try:
        hook(*result.args_kwargs.get("args", []), **result.args_kwargs.get("kwargs", {}))
    except DATABASE_ERRORS:
        raise
    except Exception:
        logger.exception("Marking the job of abandoned task %s failed did not work", result.pk)


def _recover(result: DBTaskResult, reason: str, now: datetime, dry_run: bool) -> dict:
    policy = policy_for(result.task_path)
    attempts = len(result.worker_ids)
    retry = policy.retry and attempts < option("PORTAL_TASK_MAX_ATTEMPTS")
    row = {"task": str(result.pk), "task_path": result.task_path, "queue": result.queue_name,
           "worker": _last_worker(result), "attempts": attempts, "reason": reason,
           "started_at": result.started_at.isoformat() if result.started_at else None,
           "action": RETRIED if retry else FAILED}
    if dry_run:
        return row
    still_running = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING,
                                                started_at=result.started_at)
    if retry:
        changed = still_running.update(status=TaskResultStatus.READY)
    else:
        changed = still_running.update(
            status=TaskResultStatus.FAILED, finished_at=now, return_value=None,
            exception_class_path=ABANDONED_PATH,
            traceback=f"{ABANDONED_PATH}: {reason} (attempt {attempts}); given up at "
                      f"{now.isoformat()}\n")
    if not changed:
        row["action"] = UNCHANGED
        return row
    if not retry:
        _give_up(result)
    logger.warning("Task %s (%s) %s: %s", result.pk, result.task_path, row["action"], reason)
    return row


def recover_stale_tasks(*, now: datetime | None = None, dry_run: bool = False,
                        worker_id: str | None = None) -> RecoveryReport:
    now = now or timezone.now()
    report = RecoveryReport(now=now, dry_run=dry_run)
    for result, reason in abandoned_tasks(now=now, worker_id=worker_id):
        report.tasks.append(_recover(result, reason, now, dry_run))
    if not dry_run and worker_id is None:
        TaskWorker.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return report


def requeue_after_database_error(result: DBTaskResult, *, now: datetime | None = None) -> str:
    """A task that failed because the database went away is not at fault: run it again later
    (idempotent tasks) or give it up visibly. Returns the action taken."""
    if result.status != TaskResultStatus.FAILED or \
            result.exception_class_path not in DATABASE_ERROR_PATHS:
        return ""
    now = now or timezone.now()
    policy = policy_for(result.task_path)
    if not (policy.retry and len(result.worker_ids) < option("PORTAL_TASK_MAX_ATTEMPTS")):
        _give_up(result)
        return FAILED
    delay = timedelta(seconds=min(60, 2 ** len(result.worker_ids)))
    DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, finished_at=None, exception_class_path="",
        traceback="", run_after=now + delay)
    logger.warning("Task %s (%s) failed on a database error; queued again", result.pk,
                   result.task_path)
    return RETRIED
