"""Creating and editing a plan (facts and Geltungsbereich) through the plan services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ...forms import PlanForm
from ...services.jurisdiction import jurisdiction_warning
from ...services.plans import create_plan, update_plan
from .access import editable_authorities, plan_for_editing
from .feedback import add_service_error
from .geometry import area_geojson, jurisdiction_geojson


def _preselected(request, authorities):
    if authorities.count() == 1:
        return authorities.first()
    try:
        pk = int(request.GET.get("authority", ""))
    except ValueError:
        return None
    return authorities.filter(pk=pk).first()  # a foreign id is simply not preselected


def _saved(request, plan, message: str):
    messages.success(request, message)
    warning = jurisdiction_warning(plan)
    if warning:
        messages.warning(request, warning)
    return redirect("planning_staff:plan-detail", plan_uid=plan.uid)


def _render_form(request, form, *, plan):
    return render(request, "planning/staff/plan_form.html", {
        "form": form, "plan": plan, "failed_forms": [form] if form.errors else [],
    })


@login_required
def plan_create(request):
    authorities = editable_authorities(request.user)
    if not authorities.exists():
        raise PermissionDenied
    preselected = _preselected(request, authorities)
    is_post = request.method == "POST"
    form = PlanForm(request.POST if is_post else None, request.FILES if is_post else None,
                    authorities=authorities,
                    initial={"authority": preselected.pk} if preselected else None)
    if is_post and form.is_valid():
        data = form.cleaned_data
        try:
            plan = create_plan(authority=data["authority"],
                               procedure_kind=data.get("procedure_kind") or None,
                               **form.service_fields())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return _saved(request, plan, _("The plan “%(name)s” was created.") % {"name": plan.name})
    if is_post:
        form.keep_file_area()
    chosen = form.cleaned_data.get("authority") if is_post else None
    form.fields["area"].widget.jurisdiction = jurisdiction_geojson(chosen or preselected)
    return _render_form(request, form, plan=None)


@login_required
def plan_update(request, plan_uid):
    plan = plan_for_editing(request.user, plan_uid)
    is_post = request.method == "POST"
    form = PlanForm(request.POST if is_post else None, request.FILES if is_post else None,
                    plan=plan, initial={"area": area_geojson(plan) or ""})
    if is_post and form.is_valid():
        try:
            update_plan(plan=plan, **form.service_fields())
        except ValidationError as exc:
            plan.refresh_from_db()
            add_service_error(form, exc)
        else:
            return _saved(request, plan, _("The changes were saved."))
    if is_post:
        form.keep_file_area()
    form.fields["area"].widget.jurisdiction = jurisdiction_geojson(plan.authority)
    return _render_form(request, form, plan=plan)
