"""Send the notices of geo-subscriptions (docs/subscriptions.md).

    manage.py send_subscription_notices [--digests] [--json]

Run it every few minutes (cron or a systemd timer) and once a day with --digests. Running it
twice – also at the same time – sends each notice once.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from participation.subscriptions.delivery import LOOKBACK_DAYS, send_notices


class Command(BaseCommand):
    help = "Send the e-mail notices of confirmed subscriptions about events in their area."

    def add_arguments(self, parser):
        parser.add_argument("--digests", action="store_true",
                            help="Also send the daily digests (run once a day with this).")
        parser.add_argument("--days", type=int, default=LOOKBACK_DAYS,
                            help="How many days back events are looked for.")
        parser.add_argument("--json", action="store_true", help="Print a JSON report.")

    def handle(self, *args, digests=False, days=LOOKBACK_DAYS, json=False, **options):
        if not 1 <= days <= 30:
            raise CommandError("--days must be between 1 and 30")
        data = send_notices(digests=digests, lookback_days=days).as_dict()
        if json:
            self.stdout.write(_dumps(data))
        else:
            self.stdout.write(
                f"{data['events']} events, {data['sent']} sent, {data['queued']} queued for "
                f"digests, {data['digests']} digests, {data['already']} already delivered, "
                f"{data['failed']} failed, {data['expired_deleted']} unconfirmed deleted")
        if data["failed"]:
            raise CommandError(f"{data['failed']} notice(s) could not be sent")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
