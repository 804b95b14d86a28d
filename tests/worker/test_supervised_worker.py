"""The supervised worker waits out a database outage instead of exiting (issue #9, finding 4).

The outage is simulated with an execute wrapper that makes queries fail with the error a
dropped connection gives; tests/adversarial/test_database_outage.py does it for real (PostGIS
behind a proxy that cuts the connections).
"""

import pytest
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from portal.models import TaskWorker
from portal.worker import policies
from portal.worker.supervised import SupervisedWorker

from . import tasks
from .conftest import Outage

pytestmark = pytest.mark.django_db(transaction=True)


def worker(cls=SupervisedWorker, **options):
    kwargs = {"queue_names": ["*"], "interval": 0, "batch": True, "backend_name": "default",
              "startup_delay": False, "max_tasks": None, "worker_id": "test-worker",
              "excluded_queue_names": []}
    if cls is SupervisedWorker:
        kwargs["with_heartbeat"] = False
    return cls(**kwargs | options)


def test_the_library_worker_alone_exits_when_the_database_goes_away():
    tasks.record.enqueue("a")
    with connection.execute_wrapper(Outage(queries=1)), pytest.raises(OperationalError):
        worker(Worker).run()
    assert tasks.CALLS == []


def test_waits_out_an_outage_then_runs_the_queued_tasks():
    results = [tasks.record.enqueue(label) for label in "abc"]
    outage = Outage(queries=5)
    supervised = worker()
    with connection.execute_wrapper(outage):
        supervised.run()  # returns normally: --batch, queue empty
    assert outage.failed == 5 and supervised.outages == 5
    assert sorted(tasks.CALLS) == ["a", "b", "c"]
    assert set(DBTaskResult.objects.filter(pk__in=[r.id for r in results])
               .values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert not TaskWorker.objects.exists()  # a clean end removes the heartbeat row


def test_a_task_interrupted_by_the_outage_runs_again_once_the_database_is_back():
    policies.register(tasks.loses_database_once, retry=True)
    result = tasks.loses_database_once.enqueue("receipt")
    outage = Outage()
    # The task loses the database, and so does the worker's attempt to record the failure
    # (three tries): the task would stay RUNNING for ever with the library's worker.
    tasks.ON_FIRST_CALL.append(lambda: setattr(outage, "remaining", 3))
    supervised = worker()
    with connection.execute_wrapper(outage):
        supervised.run()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == "done"
    assert tasks.CALLS == ["receipt", "receipt"]
    assert row.worker_ids == ["test-worker", "test-worker"]
    assert supervised.outages == 1


def test_a_task_that_failed_on_a_database_error_is_queued_again_with_a_delay():
    policies.register(tasks.loses_database_once, retry=True)
    result = tasks.loses_database_once.enqueue("invitation")
    worker().run()  # the failure is recorded (the database is back at once)
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    assert row.run_after > timezone.now()
    assert row.exception_class_path == "" and row.traceback == ""


def test_a_task_without_retry_policy_interrupted_by_the_outage_is_failed_visibly():
    result = tasks.loses_database_once.enqueue("import")  # not registered: never repeated
    outage = Outage()
    tasks.ON_FIRST_CALL.append(lambda: setattr(outage, "remaining", 3))
    with connection.execute_wrapper(outage):
        worker().run()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "portal.worker.recovery.TaskAbandoned"
    assert "lost the database" in row.traceback
    assert tasks.CALLS == ["import"]
