"""django-tasks-db's worker loop, supervised: a database outage is waited out, not fatal.

``django_tasks_db``'s Worker raises out of its loop on any OperationalError but "database is
locked" (and when it cannot record a task's failure), and the process exits: the queue stops
and the task it was running stays RUNNING. SupervisedWorker keeps the library's loop (claiming,
running and recording tasks stay the library's) and wraps it:

- on OperationalError/InterfaceError it closes the connections, waits (0.5 s, doubling up to
  PORTAL_TASK_RECONNECT_MAX_SECONDS), and enters the loop again;
- when the database is back, the task it had claimed when the database went away is recovered
  at once (retried if idempotent, failed visibly otherwise; recovery.py);
- a task that itself failed with a database error is queued again (or given up visibly)
  instead of staying failed;
- a heartbeat thread keeps the worker's TaskWorker row fresh and recovers the tasks of dead
  workers every PORTAL_TASK_RECOVERY_SECONDS.

Only database errors are survived: anything else still ends the process, for the service
manager (systemd Restart=always, scripts/run.sh) to restart it.
"""

import contextlib
import logging
import time

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .connections import close_connections
from .heartbeat import Heartbeat, register_worker, unregister_worker
from .options import option
from .recovery import DATABASE_ERRORS, recover_stale_tasks, requeue_after_database_error

logger = logging.getLogger(__name__)


class Backoff:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.delay = float(option("PORTAL_TASK_RECONNECT_MIN_SECONDS"))

    def wait(self) -> float:
        delay = self.delay
        time.sleep(delay)
        self.delay = min(delay * 2, float(option("PORTAL_TASK_RECONNECT_MAX_SECONDS")))
        return delay


class SupervisedWorker(Worker):
    def __init__(self, *, with_heartbeat: bool = True, **options) -> None:
        super().__init__(**options)
        self.with_heartbeat = with_heartbeat
        self.outages = 0  # how many times the database went away while this worker ran

    def run(self) -> None:
        backoff = Backoff()
        heartbeat = None
        try:
            while self.running:
                try:
                    register_worker(self.worker_id)
                    self._recover_own_tasks()
                    if heartbeat is None and self.with_heartbeat:
                        heartbeat = Heartbeat(self.worker_id)
                        heartbeat.start()
                    backoff.reset()
                    super().run()
                    return  # --batch or --max-tasks reached: a normal end
                except DATABASE_ERRORS as exc:
                    self.outages += 1
                    self.startup_delay = False
                    close_connections()
                    logger.warning("Database unavailable (%s: %s); retrying in %.1f s",
                                   type(exc).__name__, str(exc).strip()[:200], backoff.delay)
                    backoff.wait()
        finally:
            if heartbeat is not None:
                heartbeat.stop()
            with contextlib.suppress(*DATABASE_ERRORS):  # else the row goes stale; cleaned up
                unregister_worker(self.worker_id)

    def _recover_own_tasks(self) -> None:
        report = recover_stale_tasks(worker_id=self.worker_id)
        if report.tasks:
            logger.warning("Recovered %s task(s) interrupted by the outage: %s retried, "
                           "%s failed", len(report.tasks), report.count("retried"),
                           report.count("failed"))

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)  # raises only if the result cannot be recorded
        requeue_after_database_error(db_task_result)
