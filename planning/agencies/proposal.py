"""Proposing agencies for a §4 phase, and staff confirming, adding and removing them.

Proposed are the active agencies of the plan's authority whose responsibility area intersects
the plan's Geltungsbereich – one spatial query in the database (ST_Intersects on PostGIS,
Intersects() on SpatiaLite). Agencies without an area (or with an area elsewhere) are added by
hand. A proposal is an AgencyInvitation in the state "proposed"; only "send invitations" turns
it into "invited". Removing deletes a proposal; invitations already sent stay on the record.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Phase, PhaseState

from ..models import Agency, AgencyInvitation, InvitationState
from .phases import is_agency_phase


@dataclass
class ProposalResult:
    added: list[Agency]
    already_listed: int
    plan_has_area: bool


def plan_of(phase: Phase):
    return phase.procedure.plan


def _check_phase(phase: Phase, now=None) -> None:
    if not is_agency_phase(phase):
        raise ValidationError(_("Public agencies take part only in the §4 BauGB phases."))
    if phase.state(now or timezone.now()) == PhaseState.CLOSED:
        raise ValidationError(_("The phase has ended; its invitations can no longer be changed."))


def intersecting_agencies(phase: Phase):
    """Active agencies of the plan's authority whose area intersects the Geltungsbereich."""
    plan = plan_of(phase)
    if plan.area is None:
        return Agency.objects.none()
    return Agency.objects.filter(
        authority_id=plan.authority_id, is_active=True, responsibility_area__isnull=False,
        responsibility_area__intersects=plan.area,
    ).order_by("name", "pk")


def _add(phase: Phase, agency: Agency) -> bool:
    try:
        with transaction.atomic():
            _invitation, created = AgencyInvitation.objects.get_or_create(
                phase=phase, agency=agency, defaults={"state": InvitationState.PROPOSED}
            )
    except IntegrityError:  # added concurrently
        return False
    return created


@transaction.atomic
def propose_agencies(*, phase: Phase, now=None) -> ProposalResult:
    """Propose every intersecting agency not yet listed for the phase."""
    _check_phase(phase, now)
    plan = plan_of(phase)
    listed = set(phase.invitations.values_list("agency_id", flat=True))
    added, already = [], 0
    for agency in intersecting_agencies(phase):
        if agency.pk in listed:
            already += 1
        elif _add(phase, agency):
            added.append(agency)
    return ProposalResult(added=added, already_listed=already, plan_has_area=plan.area is not None)


def addable_agencies(phase: Phase):
    """Active agencies of the plan's authority not yet listed for the phase."""
    plan = plan_of(phase)
    return (Agency.objects.filter(authority_id=plan.authority_id, is_active=True)
            .exclude(invitations__phase=phase).order_by("name", "pk"))


@transaction.atomic
def add_agency(*, phase: Phase, agency: Agency, now=None) -> AgencyInvitation:
    """Add an agency by hand (e.g. one without a responsibility area) as a proposal."""
    _check_phase(phase, now)
    if agency.authority_id != plan_of(phase).authority_id or not agency.is_active:
        raise ValidationError(_("This agency is not in the register of the plan's authority."))
    _add(phase, agency)
    return AgencyInvitation.objects.get(phase=phase, agency=agency)


@transaction.atomic
def remove_proposals(*, phase: Phase, invitation_ids, now=None) -> int:
    """Remove proposals (never invitations already sent); returns how many were removed."""
    _check_phase(phase, now)
    deleted, _detail = AgencyInvitation.objects.filter(
        phase=phase, pk__in=list(invitation_ids), state=InvitationState.PROPOSED
    ).delete()
    return deleted
