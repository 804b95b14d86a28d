import json
import sys

from django.core.management.base import BaseCommand, CommandError

from portal.models import AuthorityKind
from portal.services.authority_import import AuthorityImportFailed, import_authorities


class Command(BaseCommand):
    help = (
        "Create or update authorities (by AGS) from a boundary file: GeoJSON, GeoPackage or a "
        "zipped Shapefile. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=AuthorityKind.values)
        parser.add_argument("--parent", metavar="SLUG", help="address of the parent authority")
        parser.add_argument("--name-field", default="GEN")
        parser.add_argument("--ags-field", default="AGS", help="empty: derive from the ARS")
        parser.add_argument("--ars-field", default="ARS", help="empty: no ARS")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON report to stdout")

    def handle(self, *args, **options):
        try:
            report = import_authorities(
                path=options["file"],
                kind=options["kind"],
                parent_slug=options["parent"],
                name_field=options["name_field"],
                ags_field=options["ags_field"] or None,
                ars_field=options["ars_field"] or None,
                dry_run=options["dry_run"],
            )
        except AuthorityImportFailed as failure:
            if options["json"]:
                self.stdout.write(json.dumps(failure.report.as_dict(), ensure_ascii=False))
                sys.exit(1)
            lines = [
                (f"feature {e['feature']}: " if e["feature"] else "") + e["message"]
                for e in failure.report.errors
            ]
            raise CommandError("Nothing was imported.\n" + "\n".join(lines)) from failure
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.features} features ({report.source_crs}): {report.created} created, "
                f"{report.updated} updated, {report.unchanged} unchanged, "
                f"{len(report.repaired)} geometries repaired"
                + (" (dry run, nothing written)" if report.dry_run else "")
            )
        )
