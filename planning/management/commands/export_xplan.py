"""python manage.py export_xplan PLAN_UID [--archive] [-o FILE] [--validate] [--json]"""

import json
import sys
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...models import Plan
from ...xplan_import import export_plan_archive, export_plan_gml
from ...xplan_import.export_validation import validate_export


class Command(BaseCommand):
    help = (
        "Write a plan as XPlanGML 6.0 (or, with --archive, as an XPlanArchiv zip with its "
        "documents and scans) to FILE or to standard output. --validate checks the result "
        "against the official XPlanGML 6.0 schema (PORTAL_XPLAN_SCHEMA_DIR) and fails when it "
        "is not valid; --json prints the export report (messages, validation) as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan_uid", metavar="PLAN_UID")
        parser.add_argument("--archive", action="store_true",
                            help="an XPlanArchiv (.zip) with xplan.gml, documents and scans")
        parser.add_argument("-o", "--output", metavar="FILE", help="default: standard output")
        parser.add_argument("--validate", action="store_true",
                            help="validate against the XPlanGML 6.0 schema; exit 1 if invalid")
        parser.add_argument("--json", action="store_true",
                            help="print the report as JSON on standard output (needs -o)")

    def handle(self, *args, **options):
        if options["json"] and not options["output"]:
            raise CommandError("--json prints the report on standard output; give -o FILE for "
                               "the export itself.")
        try:
            uid = uuid.UUID(options["plan_uid"])
        except ValueError as exc:
            raise CommandError(f"“{options['plan_uid']}” is not a plan UID.") from exc
        plan = Plan.objects.select_related("authority").filter(uid=uid).first()
        if plan is None:
            raise CommandError(f"No plan with the UID {uid}.")
        messages = []
        export = export_plan_archive if options["archive"] else export_plan_gml
        data = export(plan, messages=messages)
        validation = validate_export(data) if options["validate"] else None
        if options["output"]:
            Path(options["output"]).write_bytes(data)
        else:
            stream = getattr(self.stdout, "_out", sys.stdout)
            stream = getattr(stream, "buffer", None) or stream
            stream.write(data)
            stream.flush()
        if options["json"]:
            report = {
                "plan": str(plan.uid),
                "output": options["output"],
                "messages": [m.as_dict() for m in messages],
                "validation": validation.as_dict() if validation else None,
            }
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            for message in messages:
                self.stderr.write(f"{message.level} [{message.code}] {message.message}")
            if validation is not None:
                self._describe(validation)
        if validation is not None and not validation.available:
            raise CommandError("The export could not be validated: " + validation.reason)
        if validation is not None and validation.valid is False:
            raise CommandError(
                f"The export does not validate against the XPlanGML 6.0 schema "
                f"({len(validation.errors)} error(s))."
            )

    def _describe(self, validation) -> None:
        if not validation.available:
            self.stderr.write(validation.reason)
            return
        if validation.valid:
            self.stderr.write("valid against the XPlanGML 6.0 schema")
        for error in validation.errors:
            self.stderr.write(
                f"schema error line {error.line} <{error.element}> "
                f"gml:id={error.gml_id or '-'}: {error.message}"
            )
