"""The heartbeat thread keeps the worker visible and recovers the tasks of dead workers."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal.models import TaskWorker
from portal.worker.heartbeat import Heartbeat

from . import tasks

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_heartbeat_refreshes_its_row_and_recovers_a_dead_workers_task(settings):
    settings.PORTAL_TASK_HEARTBEAT_SECONDS = 0.05
    settings.PORTAL_TASK_RECOVERY_SECONDS = 0.05
    settings.PORTAL_TASK_LEASE_SECONDS = 60
    long_ago = timezone.now() - timedelta(minutes=10)
    TaskWorker.objects.create(worker_id="dead", started_at=long_ago, seen_at=long_ago)
    queued = tasks.record.enqueue("x")
    DBTaskResult.objects.filter(pk=queued.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=["dead"], started_at=long_ago)

    heartbeat = Heartbeat("alive")
    heartbeat.start()
    try:
        assert wait_for(lambda: TaskWorker.objects.filter(worker_id="alive").exists())
        first = TaskWorker.objects.get(worker_id="alive").seen_at
        assert wait_for(lambda: TaskWorker.objects.get(worker_id="alive").seen_at > first)
        # an unregistered task is never run twice: it is failed visibly
        assert wait_for(lambda: DBTaskResult.objects.get(pk=queued.id).status
                        == TaskResultStatus.FAILED)
    finally:
        heartbeat.stop()
        heartbeat.join(5)
    assert not heartbeat.is_alive()
