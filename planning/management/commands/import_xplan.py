"""python manage.py import_xplan FILE --authority SLUG [--dry-run] [--json]"""

import json
from pathlib import Path

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError

from portal.models import Authority

from ...xplan_import import import_xplan
from ...xplanung import build_failure_report
from ...xplanung.messages import XPlanReadError


def _line(message: dict) -> str:
    where = [f"line {message['line']}" if message.get("line") else "",
             message.get("gml_id") or "",
             " ".join(f"{c:.2f}" for c in message["coordinates"]) if message.get("coordinates")
             else ""]
    where_text = ", ".join(part for part in where if part)
    return f"  {message['level']} [{message['code']}] {message['message']}" + (
        f" ({where_text})" if where_text else "")


class Command(BaseCommand):
    help = (
        "Import the plans of an XPlanGML file (.gml/.xml, XPlanGML 4.0–6.0) or XPlanArchiv (.zip) "
        "for an authority: all plans or nothing. Exit status 0 on success, 1 when the file was "
        "refused (the errors are in the report)."
    )
    # Only the model checks, which include the storage-SRID check of gis/checks.py that guards
    # the geometries this command writes. The others (URLs, templates, security, static files)
    # check the web server's configuration; the URL check alone imports every view module and
    # was most of the command's start-up (docs/performance.md, "XPlanGML import start-up").
    # `manage.py check` (also with --deploy) and runserver still run them all.
    requires_system_checks = [Tags.models]

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--authority", required=True, metavar="SLUG",
                            help="address (slug) of the authority the plans belong to")
        parser.add_argument("--dry-run", action="store_true",
                            help="read and validate, report, write nothing")
        parser.add_argument("--json", action="store_true",
                            help="print exactly one JSON report to stdout")
        parser.add_argument("--resource-dir", metavar="DIR",
                            help="directory whose files a loose .gml may reference (scans, "
                                 "documents), e.g. the folder it came in")

    def handle(self, *args, **options):
        path = Path(options["file"])
        authority = Authority.objects.filter(slug=options["authority"]).first()
        if authority is None or not path.is_file():
            message = (f"No authority with the address “{options['authority']}”."
                       if authority is None else f"“{path}” is not a file.")
            if options["json"]:
                code = "unknown_authority" if authority is None else "file_not_found"
                report = build_failure_report(path.name, XPlanReadError(message, code=code))
                self.stdout.write(json.dumps(report, ensure_ascii=False))
            raise CommandError(message, returncode=2)
        report = import_xplan(
            path, authority=authority, dry_run=options["dry_run"],
            resource_dir=Path(options["resource_dir"]) if options["resource_dir"] else None,
        )
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self._describe(report, options["dry_run"])
        if report["errors"]:
            raise CommandError(
                f"{report['file']}: {len(report['errors'])} error(s), nothing was imported.",
                returncode=1,
            )

    def _describe(self, report: dict, dry_run: bool) -> None:
        for plan in report["plans"]:
            self.stdout.write(
                f"{plan['class']} “{plan['name']}” ({plan['number'] or '–'}), "
                f"{plan['source_crs']}, {plan['area_m2']} m²"
                + (f" -> id {plan['id']}, uid {plan['uid']}" if plan.get("id") else "")
            )
        for message in report["warnings"] + report["errors"]:
            self.stdout.write(_line(message))
        if not report["errors"]:
            self.stdout.write(self.style.SUCCESS(
                f"{len(report['plans'])} plan(s) "
                + ("checked (dry run, nothing written)." if dry_run else "imported.")
            ))


