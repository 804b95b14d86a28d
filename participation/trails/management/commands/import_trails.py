import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gis.errors import InputError
from portal.models import Authority

from ...services.importing import TrailDefaults, import_trails


class Command(BaseCommand):
    help = ("Import trails (GPX, GeoJSON, GeoPackage, zipped Shapefile) for an authority and "
            "report each trail's name and geodesic length in metres.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--authority", required=True, help="the authority's slug")
        parser.add_argument("--name-field", default=None)
        parser.add_argument("--operator", default="")
        parser.add_argument("--marking", default="")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        authority = Authority.objects.filter(slug=options["authority"]).first()
        if authority is None:
            raise CommandError(f"No authority with the slug {options['authority']!r}.")
        try:
            trails = import_trails(Path(options["file"]), authority=authority,
                                   name_field=options["name_field"],
                                   defaults=TrailDefaults(operator=options["operator"],
                                                          marking=options["marking"]))
        except InputError as exc:
            raise CommandError(str(exc)) from exc
        rows = [{"id": t.pk, "name": t.name, "length_m": round(t.length_m, 1)} for t in trails]
        if options["json"]:
            self.stdout.write(json.dumps({"trails": rows}, ensure_ascii=False))
        else:
            for row in rows:
                self.stdout.write(f"{row['name']}: {row['length_m']:.0f} m")
