"""Manual entry of statements that arrived by letter, by e-mail or in person (Niederschrift).

The statement goes through the one write path (create_statement) with the chosen channel and
the day of receipt; the service decides whether it is late.
"""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import Agency, Plan
from ...services.participation_settings import settings_for_phase
from ...services.statements import Identity, Submission, create_statement
from ...statements.staff_forms import ManualStatementForm, PlanSelectForm
from ...statements.staff_queries import staff_plans
from ..public import _area_geojson
from ..staff.feedback import add_service_error
from .access import actor_plans, no_store, require, statement_phases


def received_moment(day) -> datetime:
    """Today: now. An earlier day: noon of that day in German time (it was received that day)."""
    now = timezone.now()
    if day >= timezone.localdate(now):
        return now
    return min(timezone.make_aware(datetime.combine(day, time(12))), now)


def _plan_for_entry(request) -> Plan | None:
    uid = request.GET.get("plan")
    if not uid:
        return None
    plans = staff_plans(request.user).select_related("authority", "procedure")
    try:
        plan = get_object_or_404(plans, uid=uid)
    except ValidationError as exc:  # not a UUID
        raise Http404 from exc
    require(request.user, "planning.add_statement", plan)
    return plan


def _submission(data) -> Submission:
    anonymous = bool(data.get("is_anonymous"))
    identity = Identity(
        is_anonymous=anonymous, name=data.get("name", ""),
        organisation=data.get("organisation", ""), street=data.get("street", ""),
        postcode=data.get("postcode", ""), city=data.get("city", ""), email=data.get("email", ""),
    )
    return Submission(
        text=data.get("text", ""), no_concerns=bool(data.get("no_concerns")),
        topics=data.get("topics", []), location=data.get("location"),
        location_text=data.get("location_text", ""), identity=identity,
    )


def _choose_plan(request):
    form = PlanSelectForm(plans=actor_plans(request.user))
    return no_store(render(request, "planning/statements/staff/entry_plan.html", {
        "form": form, "has_plans": form.fields["plan"].queryset.exists()}))


@login_required
def statement_create(request):
    plan = _plan_for_entry(request)
    if plan is None:
        return _choose_plan(request)
    phases = statement_phases(plan)
    topics = sorted({t for phase in phases for t in settings_for_phase(phase).topics})
    agencies = Agency.objects.filter(authority=plan.authority, is_active=True).order_by("name")
    form = ManualStatementForm(request.POST or None, request.FILES or None, phases=phases,
                               topics=topics, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            statement, created = create_statement(
                plan=plan, phase=data["phase"], submission=_submission(data),
                attachments=data.get("attachments") or [],
                submitter_kind=data["submitter_kind"], agency=data.get("agency"),
                channel=data["channel"], received_at=received_moment(data["received_on"]),
                idempotency_key=data["idempotency_key"], entered_by=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if created:
                messages.success(request, _("Statement %(reference)s was entered.")
                                 % {"reference": statement.reference})
            return redirect("planning_statements_staff:detail", statement_uid=statement.uid)
    response = render(request, "planning/statements/staff/entry.html", {
        "plan": plan, "form": form, "has_phases": phases.exists(),
        "map_config": {"area": _area_geojson(plan), "draw": True},
        "action": reverse("planning_statements_staff:create") + f"?plan={plan.uid}",
    }, status=400 if form.is_bound else 200)
    return no_store(response)
