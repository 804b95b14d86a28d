"""manage.py incidents_report [--authority SLUG] [--since DATE] [--json]: figures of the
incident reports (counts by status and category, median times, overdue)."""

import json
from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.models import Authority

from ...stats import incident_figures


class Command(BaseCommand):
    help = "Counts by status and category, median time to acknowledge and resolve, overdue."

    def add_arguments(self, parser):
        parser.add_argument("--authority", help="the authority's slug (default: all)")
        parser.add_argument("--since", help="only reports received from this day (YYYY-MM-DD)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        authority = None
        if options["authority"]:
            authority = Authority.objects.filter(slug=options["authority"]).first()
            if authority is None:
                raise CommandError(f"No authority with the slug {options['authority']!r}.")
        since = None
        if options["since"]:
            try:
                day = datetime.strptime(options["since"], "%Y-%m-%d").date()
            except ValueError as exc:
                raise CommandError("--since must be a date as YYYY-MM-DD.") from exc
            since = timezone.make_aware(datetime.combine(day, time.min))
        figures = incident_figures(authority=authority, since=since)
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False))
            return
        self.stdout.write(f"Reports: {figures['total']}")
        for status, count in figures["by_status"].items():
            self.stdout.write(f"  {status}: {count}")
        for code, count in figures["by_category"].items():
            self.stdout.write(f"  {code}: {count}")
        self.stdout.write(f"Median hours to acknowledge: {figures['median_hours_to_acknowledge']}")
        self.stdout.write(f"Median hours to resolve: {figures['median_hours_to_resolve']}")
        self.stdout.write(f"Overdue: {', '.join(figures['overdue']) or '–'}")
