"""Release the weighing results of a plan (the same service as the staff page).

    manage.py release_results PLAN_UID [--no-publish] [--base-url URL] [--dry-run] [--json]

Refused (exit code 1, with the undecided references) while a statement is undecided or a phase
still takes statements. Running it again sends nothing twice; after late statements were
decided it notifies just those. The e-mails are sent by the task worker (db_worker).
"""

import json
import uuid

from django.core.management.base import BaseCommand, CommandError

from ...models import Plan
from ...results.readiness import check_readiness
from ...results.release import ResultsNotReady, release_results

LISTED = 50


class Command(BaseCommand):
    help = "Release the weighing results of a plan and notify the submitters."

    def add_arguments(self, parser):
        parser.add_argument("plan_uid", metavar="PLAN_UID")
        parser.add_argument("--no-publish", action="store_true",
                            help="Tell the submitters but do not publish the results.")
        parser.add_argument("--base-url", default="",
                            help="Absolute URL of the portal for the link in the e-mails.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Only check whether the results can be released.")
        parser.add_argument("--json", action="store_true", help="Print a JSON report.")

    def handle(self, *args, **options):
        try:
            uid = uuid.UUID(options["plan_uid"])
        except ValueError as exc:
            raise CommandError(f"“{options['plan_uid']}” is not a plan UID.") from exc
        plan = Plan.objects.select_related("authority").filter(uid=uid).first()
        if plan is None:
            raise CommandError(f"No plan with the UID {uid}.")
        if options["dry_run"]:
            readiness = check_readiness(plan=plan)
            self._report(options, self._refusal(plan, readiness) | {"dry_run": True})
            return
        try:
            outcome = release_results(plan=plan, publish=not options["no_publish"],
                                      base_url=options["base_url"])
        except ResultsNotReady as exc:
            data = self._refusal(plan, exc.readiness)
            self._report(options, data)
            raise CommandError(
                f"Not released: {data['undecided']} undecided statement(s), "
                f"{len(data['open_phases'])} open phase(s).") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self._report(options, outcome.as_dict() | {"released": True})

    def _refusal(self, plan, readiness) -> dict:
        return {
            "plan": str(plan.uid),
            "released": False,
            "ready": readiness.ready,
            "statements": readiness.total,
            "undecided": readiness.undecided_count,
            "undecided_references": [s.reference for s in readiness.undecided[:LISTED]],
            "open_phases": [p.display_title for p in readiness.open_phases],
        }

    def _report(self, options, data: dict) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for key, value in data.items():
            self.stdout.write(f"{key}: {value}")
