"""Run the background task worker, supervised (portal.worker.supervised).

    manage.py run_worker [--queue-name '*'] [--interval 1] [--batch] [--max-tasks N] ...

The same options as django-tasks-db's ``db_worker`` (without --reload), but a database outage
does not end the process: it reconnects with a growing delay, recovers the task it was
running, and keeps a heartbeat so that other workers can recover its tasks if it dies.
"""

from django.core.management.base import CommandError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from portal.worker.supervised import SupervisedWorker


class Command(DbWorkerCommand):
    help = "Run the background task worker; survives database outages (docs/deploy.md)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *, verbosity: int, queue_name: str, interval: float, batch: bool,
               backend_name: str, startup_delay: bool, reload: bool, max_tasks: int | None,
               worker_id: str, exclude_queues: str, **options) -> None:
        self.configure_logging(verbosity)
        if reload:
            raise CommandError("run_worker does not reload; use db_worker --reload in "
                               "development.")
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SupervisedWorker(
            queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
            excluded_queue_names=excluded)
        worker.configure_signals()
        worker.run()
