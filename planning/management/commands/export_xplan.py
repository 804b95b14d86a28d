"""python manage.py export_xplan PLAN_UID [--archive] [-o FILE]"""

import sys
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...models import Plan
from ...xplan_import import export_plan_archive, export_plan_gml


class Command(BaseCommand):
    help = (
        "Write a plan as XPlanGML 6.0 (or, with --archive, as an XPlanArchiv zip with its "
        "documents and scans) to FILE or to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan_uid", metavar="PLAN_UID")
        parser.add_argument("--archive", action="store_true",
                            help="an XPlanArchiv (.zip) with xplan.gml, documents and scans")
        parser.add_argument("-o", "--output", metavar="FILE", help="default: standard output")

    def handle(self, *args, **options):
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
        if options["output"]:
            Path(options["output"]).write_bytes(data)
        else:
            stream = getattr(self.stdout, "_out", sys.stdout)
            stream = getattr(stream, "buffer", None) or stream
            stream.write(data)
            stream.flush()
        for message in messages:
            self.stderr.write(f"{message.level} [{message.code}] {message.message}")
