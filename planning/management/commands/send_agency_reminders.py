"""Send one reminder to every invited agency that has not answered before its phase ends.

    manage.py send_agency_reminders [--dry-run] [--json] [--days N]

Run it daily (cron, or the task planning.agencies.tasks.send_agency_reminders_task). Running it
twice – also at the same time – sends each reminder once (docs/agencies.md).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from planning.agencies.reminders import reminder_days, send_reminders


class Command(BaseCommand):
    help = "Remind invited public agencies that have not answered shortly before the deadline."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="List the reminders that are due; send nothing.")
        parser.add_argument("--json", action="store_true", help="Print a JSON report.")
        parser.add_argument("--days", type=int, default=None,
                            help="Days before the end (default: PORTAL_AGENCY_REMINDER_DAYS).")

    def handle(self, *args, dry_run=False, json=False, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days must not be negative")
        report = send_reminders(dry_run=dry_run, days=days if days is not None else reminder_days())
        data = report.as_dict()
        if json:
            self.stdout.write(_dumps(data))
        else:
            for row in data["invitations"]:
                self.stdout.write(f"{row['outcome']}: {row['agency']} – {row['plan']} "
                                  f"(last day {row['last_day']})")
            self.stdout.write(
                f"{data['due']} due, {data['sent']} sent, {data['already_reminded']} already "
                f"reminded, {data['failed']} failed" + (" (dry run)" if dry_run else "")
            )
        if data["failed"]:
            raise CommandError(f"{data['failed']} reminder(s) could not be sent")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
