"""python manage.py export_weighing_table PLAN_UID --format FMT [--phase ID] [--public]
-o FILE [--json] [--language de|en]"""

import json
import os
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.models import Phase

from ...exports.formats import write_export
from ...exports.rows import ExportError, ExportScope
from ...models import Plan
from ...models.export_job import ExportFormat, ExportVariant


class Command(BaseCommand):
    help = (
        "Write the weighing table (Abwägungstabelle) of a plan, or of one of its phases, as "
        "PDF, XLSX, ODS, CSV, GeoPackage or GeoJSON. Internal variant (with the submitters' "
        "personal data) unless --public is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan_uid", metavar="PLAN_UID")
        parser.add_argument("--format", required=True, choices=ExportFormat.values,
                            dest="fmt")
        parser.add_argument("--phase", type=int, metavar="ID",
                            help="only the statements of this phase (default: all phases)")
        parser.add_argument("--public", action="store_true",
                            help="the public variant: no personal data, submitters numbered")
        parser.add_argument("-o", "--output", required=True, metavar="FILE")
        parser.add_argument("--json", action="store_true", help="print a JSON report")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            choices=[code for code, _name in settings.LANGUAGES])

    def handle(self, *args, **options):
        try:
            uid = uuid.UUID(options["plan_uid"])
        except ValueError as exc:
            raise CommandError(f"“{options['plan_uid']}” is not a plan UID.") from exc
        plan = Plan.objects.select_related("authority").filter(uid=uid).first()
        if plan is None:
            raise CommandError(f"No plan with the UID {uid}.")
        phase = None
        if options["phase"] is not None:
            phase = Phase.objects.filter(pk=options["phase"], procedure_id=plan.procedure_id,
                                         procedure__isnull=False).first()
            if phase is None:
                raise CommandError(f"The plan has no phase with the id {options['phase']}.")
        variant = ExportVariant.PUBLIC if options["public"] else ExportVariant.INTERNAL
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"The directory {output.parent} does not exist.")
        scope = ExportScope(authority=plan.authority, plan=plan, phase=phase)
        # Written next to the target and renamed: no half-written file is left behind.
        with tempfile.TemporaryDirectory(prefix=".export-", dir=output.parent) as tmp:
            temporary = Path(tmp) / f"export{output.suffix}"
            try:
                with translation.override(options["language"]):
                    result = write_export(scope=scope, fmt=options["fmt"], variant=variant,
                                          path=temporary)
            except ExportError as exc:
                raise CommandError(str(exc)) from exc
            os.replace(temporary, output)
        report = {
            "plan": str(plan.uid), "authority": plan.authority.slug,
            "phase": phase.pk if phase else None, "format": options["fmt"],
            "variant": str(variant), "rows": result.rows, "file": str(output),
            "bytes": output.stat().st_size,
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write(f"{result.rows} rows written to {output}")
