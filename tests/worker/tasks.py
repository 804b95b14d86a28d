"""Tasks the worker tests queue (importable by path, as the database queue needs)."""

from django.db import OperationalError
from django_tasks import task

CALLS: list[str] = []
ON_FIRST_CALL = []  # callables run before the first call of `loses_database_once` raises


@task()
def record(label: str) -> str:
    CALLS.append(label)
    return label


@task()
def loses_database_once(label: str) -> str:
    """Raises the error a dropped database connection gives, the first time only."""
    CALLS.append(label)
    if CALLS.count(label) == 1:
        for hook in ON_FIRST_CALL:
            hook()
        raise OperationalError("the connection is closed")
    return "done"
