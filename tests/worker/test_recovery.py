"""Tasks whose worker died are retried (idempotent ones) or failed visibly (issue #9, finding 4)."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gis.models import IngestStatus, Layer, LayerKind
from gis.tasks import ingest_layer
from planning.statements.tasks import send_receipt
from portal.models import TaskWorker
from portal.worker.supervised import SupervisedWorker

from .conftest import submit

# The worker loop closes a connection left in a transaction (as after a request): real commits.
pytestmark = pytest.mark.django_db(transaction=True)


def running(task_result, *, worker_id: str, started_minutes_ago: float = 5, claims: int = 1):
    DBTaskResult.objects.filter(pk=task_result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=[worker_id] * claims,
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago))
    return DBTaskResult.objects.get(pk=task_result.id)


def worker_seen(worker_id: str, minutes_ago: float):
    seen = timezone.now() - timedelta(minutes=minutes_ago)
    TaskWorker.objects.create(worker_id=worker_id, started_at=seen, seen_at=seen)


def recover(*args) -> dict:
    out = StringIO()
    call_command("recover_stale_tasks", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def run_queue():
    SupervisedWorker(queue_names=["*"], interval=0, batch=True, backend_name="default",
                     startup_delay=False, max_tasks=None, worker_id="next-worker",
                     excluded_queue_names=[], with_heartbeat=False).run()


def test_receipt_of_a_dead_worker_is_retried_and_sent_once(open_phase):
    statement = submit(open_phase)
    queued = DBTaskResult.objects.get(task_path=send_receipt.module_path)
    # The dead worker had sent the mail but died before recording the task as done.
    send_receipt.call(statement.pk)
    assert len(mail.outbox) == 1
    running(queued.task_result, worker_id="dead-worker")
    worker_seen("dead-worker", minutes_ago=10)

    report = recover()
    assert (report["found"], report["retried"], report["failed"]) == (1, 1, 0)
    assert report["tasks"][0]["reason"] == "its worker stopped"
    assert DBTaskResult.objects.get(pk=queued.pk).status == TaskResultStatus.READY

    run_queue()
    done = DBTaskResult.objects.get(pk=queued.pk)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "nothing to send"
    assert len(mail.outbox) == 1  # at most once per recipient


def test_receipt_never_sent_by_the_dead_worker_is_sent_by_the_retry(open_phase):
    submit(open_phase, email="max@example.org")
    queued = DBTaskResult.objects.get(task_path=send_receipt.module_path)
    running(queued.task_result, worker_id="dead-worker")
    worker_seen("dead-worker", minutes_ago=10)
    recover()
    run_queue()
    assert [m.to for m in mail.outbox] == [["max@example.org"]]


def test_tasks_of_a_living_worker_are_left_alone(open_phase):
    submit(open_phase)
    queued = DBTaskResult.objects.get(task_path=send_receipt.module_path)
    running(queued.task_result, worker_id="busy-worker", started_minutes_ago=300)
    worker_seen("busy-worker", minutes_ago=0.1)  # its heartbeat is fresh: a long task
    assert recover()["found"] == 0
    assert DBTaskResult.objects.get(pk=queued.pk).status == TaskResultStatus.RUNNING


def test_dry_run_changes_nothing(open_phase):
    submit(open_phase)
    queued = DBTaskResult.objects.get(task_path=send_receipt.module_path)
    running(queued.task_result, worker_id="dead-worker")
    worker_seen("dead-worker", minutes_ago=10)
    report = recover("--dry-run")
    assert report["dry_run"] is True and report["found"] == 1
    assert DBTaskResult.objects.get(pk=queued.pk).status == TaskResultStatus.RUNNING


def test_a_task_that_used_up_its_attempts_is_failed(open_phase, settings):
    settings.PORTAL_TASK_MAX_ATTEMPTS = 3
    submit(open_phase)
    queued = DBTaskResult.objects.get(task_path=send_receipt.module_path)
    running(queued.task_result, worker_id="dead-worker", claims=3)
    worker_seen("dead-worker", minutes_ago=10)
    report = recover()
    assert (report["retried"], report["failed"]) == (0, 1)
    row = DBTaskResult.objects.get(pk=queued.pk)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "portal.worker.recovery.TaskAbandoned"
    assert row.finished_at is not None


def test_an_interrupted_ingest_is_failed_with_a_message_the_staff_see():
    layer = Layer.objects.create(name="Bäume", kind=LayerKind.VECTOR, status=IngestStatus.RUNNING)
    queued = ingest_layer.enqueue(layer.pk)
    running(queued, worker_id="dead-worker")
    worker_seen("dead-worker", minutes_ago=10)
    report = recover()
    assert (report["retried"], report["failed"]) == (0, 1)  # a file may crash the worker again
    layer.refresh_from_db()
    assert layer.status == IngestStatus.FAILED
    assert "Hintergrunddienst angehalten" in layer.status_message  # stored in German


def test_a_plain_db_worker_task_counts_as_abandoned_only_after_the_maximum_runtime(
        open_phase, settings):
    settings.PORTAL_TASK_MAX_RUNTIME_SECONDS = 3600
    submit(open_phase)
    queued = DBTaskResult.objects.get(task_path=send_receipt.module_path)
    running(queued.task_result, worker_id="no-heartbeat", started_minutes_ago=30)
    assert recover()["found"] == 0
    running(queued.task_result, worker_id="no-heartbeat", started_minutes_ago=90)
    report = recover()
    assert report["retried"] == 1
    assert report["tasks"][0]["reason"] == "running too long without a worker heartbeat"


def test_human_readable_output(open_phase):
    submit(open_phase)
    queued = DBTaskResult.objects.get(task_path=send_receipt.module_path)
    running(queued.task_result, worker_id="dead-worker")
    worker_seen("dead-worker", minutes_ago=10)
    out = StringIO()
    call_command("recover_stale_tasks", stdout=out)
    assert "1 abandoned, 1 retried, 0 failed" in out.getvalue()


def test_an_interrupted_export_is_failed_with_a_message_the_staff_see(open_phase):
    from planning.exports.jobs import create_export_job, run_export_job
    from planning.models import ExportJob

    plan, _phase, _notice = open_phase
    job = create_export_job(plan=plan, user=None, fmt="xlsx", variant="public")
    queued = DBTaskResult.objects.get(task_path=run_export_job.module_path)  # queued with the job
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    running(queued.task_result, worker_id="dead-worker")
    worker_seen("dead-worker", minutes_ago=10)
    assert recover()["failed"] == 1
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert "Hintergrunddienst angehalten" in job.error  # stored in German
