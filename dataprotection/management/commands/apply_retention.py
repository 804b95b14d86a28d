"""manage.py apply_retention [--authority SLUG] [--dry-run] [--json]

Anonymises or deletes what the retention rules make due (docs/dataprotection.md). Meant to run
daily from cron; the dry run reports exactly what the run would do at that moment.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from portal.models import Authority

from ...retention import apply_retention


class Command(BaseCommand):
    help = "Apply the retention rules of the authorities (anonymise or delete personal data)."

    def add_arguments(self, parser):
        parser.add_argument("--authority", help="only this authority (its slug)")
        parser.add_argument("--dry-run", action="store_true", help="count only, change nothing")
        parser.add_argument("--json", action="store_true", help="report as JSON")

    def handle(self, *args, authority=None, dry_run=False, json=False, **options):
        authorities = Authority.objects.all()
        if authority:
            authorities = authorities.filter(slug=authority)
            if not authorities.exists():
                raise CommandError(f"No authority with the slug {authority!r}.")
        report = apply_retention(authorities=authorities, dry_run=dry_run)
        if json:
            self.stdout.write(_dumps({"dry_run": dry_run, "authorities": report}))
            return
        verb = "would change" if dry_run else "changed"
        for slug, counts in report.items():
            for code, count in counts.items():
                self.stdout.write(f"{slug}\t{code}\t{verb} {count}")


def _dumps(data) -> str:
    return json.dumps(data, indent=2, sort_keys=True)
