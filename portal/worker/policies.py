"""What happens to a task whose run was interrupted (its worker died, or the database went away).

Apps register their tasks here (in AppConfig.ready):

- ``retry=True``: the task may simply run again. Only for tasks that claim their side effect
  with a conditional UPDATE before doing it (the mail tasks: a receipt, an invitation, a result
  mail is claimed before it is handed to the mail server), so a second run does nothing twice.
- ``on_abandoned(*args, **kwargs)``: called with the task's arguments when the task is given up,
  so the job the staff see (an ingest, an import, an export) shows "failed" with a message
  instead of "running" forever.

An unregistered task is never retried: it is failed visibly (a failed task result).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django_tasks.base import Task


@dataclass(frozen=True)
class RecoveryPolicy:
    retry: bool = False
    on_abandoned: Callable[..., None] | None = None


_POLICIES: dict[str, RecoveryPolicy] = {}
_DEFAULT = RecoveryPolicy()


def register(task: Task | str, *, retry: bool = False,
             on_abandoned: Callable[..., None] | None = None) -> None:
    path = task if isinstance(task, str) else task.module_path
    _POLICIES[path] = RecoveryPolicy(retry=retry, on_abandoned=on_abandoned)


def policy_for(task_path: str) -> RecoveryPolicy:
    return _POLICIES.get(task_path, _DEFAULT)
