"""Participation settings in the staff area: the authority's defaults (its admins) and each
statement phase's own settings (admins and planners of the plan's authority).

Strangers get 404, other staff of the authority 403 (docs/participation-settings.md).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.views.staff_members import managed_authority

from ...forms.participation import StatementRulesForm
from ...services.participation_settings import (
    defaults_for,
    save_defaults,
    save_phase_settings,
    settings_for_phase,
)
from .access import plan_for_editing
from .feedback import add_service_error
from .phases import phase_of


def takes_statements(phase) -> bool:
    definition = phase.kind_definition
    return definition is not None and definition.accepts_statements


def _saved(request, form, save, **target) -> bool:
    """Run the service with the form's values; True when it is done (message added)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        changed = save(actor=request.user, **target, **form.rules())
    except ValidationError as exc:
        add_service_error(form, exc)
        return False
    messages.success(request, _("The participation settings were saved.") if changed
                     else _("Nothing was changed."))
    return True


def _render(request, template, form, context):
    return render(request, template, {**context, "form": form,
                                      "failed_forms": [form] if form.errors else []},
                  status=400 if form.errors else 200)


@login_required
def participation_defaults(request, authority_pk):
    authority = managed_authority(request, authority_pk)
    form = StatementRulesForm.for_rules(defaults_for(authority),
                                        request.POST if request.method == "POST" else None)
    if _saved(request, form, save_defaults, authority=authority):
        return redirect("planning_staff:participation-defaults", authority_pk=authority.pk)
    return _render(request, "planning/staff/participation_defaults.html", form,
                   {"authority": authority})


@login_required
def phase_settings(request, plan_uid, phase_pk):
    plan = plan_for_editing(request.user, plan_uid)
    phase = phase_of(plan, phase_pk)
    if not takes_statements(phase):
        raise Http404
    settings_ = settings_for_phase(phase)
    form = StatementRulesForm.for_rules(settings_,
                                        request.POST if request.method == "POST" else None)
    detail_url = reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid}) + "#phases"
    if _saved(request, form, save_phase_settings, phase=phase):
        return redirect(detail_url)
    return _render(request, "planning/staff/phase_settings.html", form, {
        "plan": plan, "phase": phase, "follows_defaults": settings_.pk is None,
        "cancel_url": detail_url,
        "may_edit_defaults": request.user.has_perm("portal.manage_authority", plan.authority),
    })
