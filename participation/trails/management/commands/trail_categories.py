from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.models import Authority

from ...services.categories import ensure_trail_categories


class Command(BaseCommand):
    help = ("Create the trail incident categories (signpost missing, broken, unreadable, wrong "
            "direction, trail overgrown, trail damaged) of an authority and mark them as trail "
            "categories. Existing ones are kept.")

    def add_arguments(self, parser):
        parser.add_argument("--authority", required=True, help="the authority's slug")

    def handle(self, *args, **options):
        authority = Authority.objects.filter(slug=options["authority"]).first()
        if authority is None:
            raise CommandError(f"No authority with the slug {options['authority']!r}.")
        with translation.override("de"):
            categories = ensure_trail_categories(authority)
        for category in categories:
            self.stdout.write(f"{category.service_code}: {category.name}")
