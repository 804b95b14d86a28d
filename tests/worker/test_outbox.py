"""The receipt task is queued in the statement's own transaction (portal.worker.outbox).

With ``on_commit`` a database drop between the commit and the task INSERT left an
acknowledged statement without its receipt e-mail.
"""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from planning.models import Statement
from planning.statements.tasks import send_receipt

from .conftest import submit

pytestmark = pytest.mark.django_db


def test_the_receipt_task_is_written_with_the_statement(open_phase):
    with transaction.atomic():
        statement = submit(open_phase)
        # Before the commit, in the same transaction: both rows or neither.
        queued = DBTaskResult.objects.filter(task_path=send_receipt.module_path)
        assert [row.args_kwargs["args"] for row in queued] == [[statement.pk]]


def test_a_rolled_back_statement_leaves_no_task(open_phase):
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(open_phase)
        raise RuntimeError("the request failed after the statement was written")
    assert not Statement.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_other_task_backends_still_run_after_the_commit(open_phase, settings,
                                                        django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(open_phase)
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
