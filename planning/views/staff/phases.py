"""Participation phases of a plan's procedure: schedule, edit, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.models import Phase

from ...forms import PhaseForm
from ...services.phases import delete_phase, schedule_phase, update_phase
from .access import plan_for_editing
from .feedback import add_service_error
from .plan_detail import render_plan_detail


def _detail_url(plan) -> str:
    return reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid}) + "#phases"


def phase_of(plan, phase_pk) -> Phase:
    return get_object_or_404(Phase.objects.filter(procedure_id=plan.procedure_id)
                             .exclude(procedure_id=None), pk=phase_pk)


@login_required
def phase_add(request, plan_uid):
    plan = plan_for_editing(request.user, plan_uid)
    if request.method != "POST":
        return redirect(_detail_url(plan))
    procedure_kind = plan.procedure.kind_definition if plan.procedure else None
    if procedure_kind is None:
        return render_plan_detail(request, plan, action_errors=[
            _("This plan has no participation procedure, so no phases can be scheduled.")
        ])
    form = PhaseForm(request.POST, prefix="phase", procedure_kind=procedure_kind)
    if form.is_valid():
        try:
            phase = schedule_phase(plan=plan, **form.service_fields())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The phase “%(title)s” was scheduled.")
                             % {"title": phase.display_title})
            return redirect(_detail_url(plan))
    return render_plan_detail(request, plan, phase_form=form)


@login_required
def phase_edit(request, plan_uid, phase_pk):
    plan = plan_for_editing(request.user, plan_uid)
    phase = phase_of(plan, phase_pk)
    procedure_kind = plan.procedure.kind_definition
    if procedure_kind is None:  # a procedure kind that is no longer registered
        raise Http404
    is_post = request.method == "POST"
    form = PhaseForm(request.POST if is_post else None, procedure_kind=procedure_kind,
                     phase=phase)
    if is_post and form.is_valid():
        try:
            update_phase(phase=phase, **form.service_fields())
        except ValidationError as exc:
            phase.refresh_from_db()
            add_service_error(form, exc)
        else:
            messages.success(request, _("The phase “%(title)s” was saved.")
                             % {"title": phase.display_title})
            return redirect(_detail_url(plan))
    return render(request, "planning/staff/phase_form.html",
                  {"plan": plan, "phase": phase, "form": form, "cancel_url": _detail_url(plan),
                   "failed_forms": [form] if form.errors else []})


@login_required
def phase_delete(request, plan_uid, phase_pk):
    plan = plan_for_editing(request.user, plan_uid)
    phase = phase_of(plan, phase_pk)
    errors = []
    if request.method == "POST":
        try:
            delete_phase(phase=phase)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("The phase “%(title)s” was deleted.")
                             % {"title": phase.display_title})
            return redirect(_detail_url(plan))
    return render(request, "planning/staff/confirm_delete.html", {
        "plan": plan,
        "title": _("Delete the phase “%(title)s”?") % {"title": phase.display_title},
        "explanation": _("Only a phase that has not started yet can be deleted."),
        "button": _("Delete the phase"),
        "cancel_url": _detail_url(plan),
        "errors": errors,
    })
