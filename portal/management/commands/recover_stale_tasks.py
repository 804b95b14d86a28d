"""Retry or fail the background tasks whose worker died (portal.worker.recovery).

    manage.py recover_stale_tasks [--dry-run] [--json]

Every `run_worker` does this at start and every PORTAL_TASK_RECOVERY_SECONDS; the command is
for operators (and for installations that run the plain `db_worker`).
"""

import json

from django.core.management.base import BaseCommand

from portal.worker.recovery import recover_stale_tasks


class Command(BaseCommand):
    help = "Retry or fail visibly the RUNNING tasks whose worker stopped."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="List the abandoned tasks; change nothing.")
        parser.add_argument("--json", action="store_true", help="Print a JSON report.")

    def handle(self, *args, dry_run=False, json=False, **options):
        data = recover_stale_tasks(dry_run=dry_run).as_dict()
        if json:
            self.stdout.write(_dumps(data))
            return
        for row in data["tasks"]:
            self.stdout.write(f"{row['action']}: {row['task_path']} {row['task']} "
                              f"({row['reason']}, attempt {row['attempts']})")
        self.stdout.write(f"{data['found']} abandoned, {data['retried']} retried, "
                          f"{data['failed']} failed" + (" (dry run)" if dry_run else ""))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
