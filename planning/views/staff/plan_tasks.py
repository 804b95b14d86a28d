"""The staff tasks around one plan, as links that respect the user's role.

The plan page lists them, so every step of a procedure is reachable by clicks: the plan's
statements, entering a letter, the weighing, the Abwägungstabelle export and the release of
the results. A link appears only when the user's role allows the page it leads to (the
permissions of planning/rules.py and its siblings); a read-only role gets the reading pages.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ...models import Plan
from ...results import permissions as _result_permissions  # noqa: F401  (registers the rules)
from ...statements import permissions as _statement_permissions  # noqa: F401
from ...weighing import permissions as _weighing_permissions  # noqa: F401


@dataclass(frozen=True)
class PlanTask:
    code: str
    label: str
    url: str
    description: str = ""


def _with_plan(url_name: str, plan: Plan) -> str:
    return f"{reverse(url_name)}?{urlencode({'plan': str(plan.uid)})}"


def plan_tasks(user, plan: Plan) -> list[PlanTask]:
    """The tasks the user may open for this plan, in the order of a procedure."""
    if plan.procedure_id is None:
        return []  # no participation: no statements, no weighing, no result
    tasks = []
    if user.has_perm("planning.view_statement", plan):
        tasks.append(PlanTask("statements", _("Statements on this plan"),
                              _with_plan("planning_statements_staff:list", plan),
                              _("list, map, moderation")))
    if user.has_perm("planning.add_statement", plan):
        tasks.append(PlanTask("enter-statement", _("Enter a statement received by letter or e-mail"),
                              _with_plan("planning_statements_staff:create", plan)))
    if user.has_perm("planning.view_weighing", plan):
        weighs = user.has_perm("planning.weigh", plan)
        tasks.append(PlanTask("weighing", _("Weigh the statements") if weighs
                              else _("Weighing (read only)"),
                              reverse("planning_workbench:plan", args=[plan.uid])))
        tasks.append(PlanTask("export", _("Export the weighing table (Abwägungstabelle)"),
                              reverse("weighing_export:request", args=[plan.uid]),
                              _("PDF, XLSX, ODS, CSV or GeoPackage")))
    if user.has_perm("planning.view_results", plan):
        releases = user.has_perm("planning.release_results", plan)
        tasks.append(PlanTask("results", _("Release the results") if releases
                              else _("Result of the weighing"),
                              reverse("planning_results:staff", args=[plan.uid]),
                              _("readiness, release, notifications, letters")))
    return tasks
