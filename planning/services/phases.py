"""Scheduling the phases of a plan's procedure (the engine lives in portal.procedures)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.models import Phase, PhaseState

from ..models import Plan

PHASE_FIELDS = ("kind", "title", "start_date", "end_date", "announcement_text",
                "announcement_date", "late_statements_warned", "accepts_late_statements",
                "timing_warnings_acknowledged")


@transaction.atomic
def schedule_phase(*, plan: Plan, kind: str, start_date: date, end_date: date, **fields) -> Phase:
    if plan.procedure_id is None:
        raise ValidationError(_("This plan has no participation procedure."))
    phase = Phase(procedure=plan.procedure, kind=kind, start_date=start_date, end_date=end_date)
    for key, value in fields.items():
        if key not in PHASE_FIELDS:
            raise TypeError(f"unknown phase field {key}")
        setattr(phase, key, value)
    phase.full_clean()
    phase.save()
    return phase


@transaction.atomic
def update_phase(*, phase: Phase, **fields) -> Phase:
    for key, value in fields.items():
        if key not in PHASE_FIELDS:
            raise TypeError(f"unknown phase field {key}")
        setattr(phase, key, value)
    phase.full_clean()
    phase.save()
    return phase


@transaction.atomic
def delete_phase(*, phase: Phase, now=None) -> None:
    """Delete a phase that has not started; one that has opened belongs to the record."""
    if phase.state(now) != PhaseState.UPCOMING:
        raise ValidationError(
            _("Only a phase that has not started yet can be deleted; this one has opened and "
              "belongs to the record of the procedure.")
        )
    phase.delete()
