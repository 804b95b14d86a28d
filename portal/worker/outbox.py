"""Queue a task as part of the transaction that made it necessary.

``transaction.on_commit(lambda: task.enqueue(...))`` leaves a gap: if the database goes away
between the commit and the INSERT of the task row, the data is stored (and acknowledged to the
user) but its task is lost – a statement without its receipt e-mail. With the database task
backend the task row lives in the same database, so it is written inside the transaction: the
task exists exactly when the data does, and the worker sees it only after the commit. Other
backends (the immediate backend of the tests, a broker) still run after the commit.
"""

from django.db import router, transaction
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def enqueue_with_transaction(task: Task, *args, using: str = "default", **kwargs) -> None:
    backend = task.get_backend()
    if isinstance(backend, DatabaseBackend) and router.db_for_write(DBTaskResult) == using:
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs), using=using)
