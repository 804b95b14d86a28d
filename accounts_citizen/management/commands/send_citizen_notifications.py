"""E-mail citizens: status changes of their contributions, and participations opened by the
authorities they follow.

    manage.py send_citizen_notifications [--base-url https://beteiligung.example.org]

Run it hourly or daily (cron or a systemd timer, like send_agency_reminders). Each change and
each participation is mailed once (accounts_citizen/services/, docs/accounts.md). The base URL
puts a link to the plan into the announcement mails.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts_citizen.services.announcements import send_participation_announcements
from accounts_citizen.services.notifications import send_status_updates


class Command(BaseCommand):
    help = "E-mail citizens about status changes and newly opened participations."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="",
                            help="The portal's address, for links in the mails.")

    def handle(self, *args, base_url="", **options):
        if base_url and not base_url.startswith(("https://", "http://")):
            raise CommandError("--base-url must be an absolute http(s) URL")
        report = send_status_updates()
        for line in report.mailed:
            self.stdout.write(f"status mailed: {line}")
        self.stdout.write(f"{report.changed} changed, {len(report.mailed)} mailed")
        announced = send_participation_announcements(base_url=base_url)
        self.stdout.write(f"{len(announced.mailed)} participations announced")
