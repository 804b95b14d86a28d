"""E-mail citizens whose contributions changed status since the last run.

    manage.py send_contribution_updates

Run it daily or hourly (cron or a systemd timer, like send_agency_reminders). Each change is
mailed once (accounts_citizen/services/notifications.py, docs/accounts.md).
"""

from django.core.management.base import BaseCommand

from accounts_citizen.services.notifications import send_status_updates


class Command(BaseCommand):
    help = "E-mail citizens about status changes of their contributions."

    def handle(self, *args, **options):
        report = send_status_updates()
        for line in report.mailed:
            self.stdout.write(f"mailed: {line}")
        self.stdout.write(f"{report.changed} changed, {len(report.mailed)} mailed")
