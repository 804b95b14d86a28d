"""The workbench's overview and the list of statements of one plan, with filters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...models import Decision, Statement
from ...weighing import grouping, results
from . import access

PAGE_SIZE = 50
DECISION_FILTERS = {"open", "decided", *Decision.values}


@login_required
def overview(request):
    plans = access.plans(request.user).annotate(statement_count=Count("statements")).filter(
        statement_count__gt=0).order_by("authority__name", "name")
    return render(request, "planning/workbench/overview.html", {"plans": plans})


def _filtered(request, plan, all_rows):
    """Filter the plan's results (computed once) by the request's parameters."""
    queryset = Statement.objects.filter(plan=plan)
    phase = request.GET.get("phase", "")
    if phase.isdigit():
        queryset = queryset.filter(phase_id=int(phase))
    topic = request.GET.get("topic", "")
    if topic:
        queryset = queryset.filter(topics__icontains=topic)
    if request.GET.get("mine"):
        queryset = queryset.filter(consideration__assignee=request.user)
    query = request.GET.get("q", "").strip()
    if query:
        queryset = queryset.filter(text__icontains=query) | queryset.filter(reference__iexact=query)
    wanted = set(queryset.values_list("pk", flat=True))
    rows = [r for r in all_rows if r.statement.pk in wanted]
    state = request.GET.get("decision", "")
    if state == "open":
        rows = [r for r in rows if not r.decided]
    elif state == "decided":
        rows = [r for r in rows if r.decided]
    elif state in Decision.values:
        rows = [r for r in rows if r.decision == state]
    return rows


@login_required
def plan_statements(request, plan_uid):
    plan = access.plan(request.user, plan_uid)
    all_rows = results.statement_results(
        Statement.objects.filter(plan=plan).order_by("received_at", "pk"))
    rows = _filtered(request, plan, all_rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    phases = plan.procedure.phases.all() if plan.procedure_id else []
    return render(request, "planning/workbench/plan.html", {
        "plan": plan, "page": page, "count": len(rows),
        "total": len(all_rows), "decided": sum(1 for r in all_rows if r.decided),
        "groups": plan.statement_groups.annotate(size=Count("statements")).order_by("-size"),
        "phases": phases, "decisions": Decision.choices,
        "filters": {k: request.GET.get(k, "") for k in ("phase", "topic", "decision", "q", "mine")},
        "can_weigh": request.user.has_perm("planning.weigh", plan),
    })


@login_required
@require_POST
def group_identical(request, plan_uid):
    plan = access.plan(request.user, plan_uid)
    access.require_weigh(request.user, plan)
    groups = grouping.group_identical(plan=plan, user=request.user)
    messages.success(request, _("%(count)d groups of identical statements.") % {"count": len(groups)})
    return redirect("planning_workbench:plan", plan_uid=plan.uid)
