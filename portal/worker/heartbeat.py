"""The worker's heartbeat: a daemon thread that keeps its TaskWorker row fresh and recovers
abandoned tasks of other (dead) workers every PORTAL_TASK_RECOVERY_SECONDS.

It runs beside the worker loop, so a task that takes an hour does not make its worker look
dead. It uses its own database connection (Django connections are per thread) and outlives
database outages: errors are logged, the connection is closed, and the next beat tries again.
"""

import logging
import os
import socket
import threading
import time

from django.utils import timezone

from ..models import TaskWorker
from .connections import close_connections
from .options import option
from .recovery import DATABASE_ERRORS, recover_stale_tasks

logger = logging.getLogger(__name__)


def register_worker(worker_id: str) -> None:
    now = timezone.now()
    TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "started_at": now,
                  "seen_at": now})


def beat(worker_id: str) -> None:
    now = timezone.now()
    if not TaskWorker.objects.filter(worker_id=worker_id).update(seen_at=now):
        register_worker(worker_id)  # the row was removed meanwhile (e.g. by a cleanup)


def unregister_worker(worker_id: str) -> None:
    TaskWorker.objects.filter(worker_id=worker_id).delete()


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()
        self.next_recovery = 0.0  # recover once right at start

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                beat(self.worker_id)
                if time.monotonic() >= self.next_recovery:
                    recover_stale_tasks()
                    self.next_recovery = time.monotonic() + option("PORTAL_TASK_RECOVERY_SECONDS")
            except DATABASE_ERRORS as exc:
                logger.warning("Heartbeat: database unavailable (%s)", type(exc).__name__)
                close_connections()
            except Exception:
                logger.exception("Heartbeat failed")
            self.stopped.wait(option("PORTAL_TASK_HEARTBEAT_SECONDS"))
        close_connections()

    def stop(self) -> None:
        self.stopped.set()
