"""Which phases take public agencies, and finding such a phase for staff (foreign ids 404)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from portal.models import Phase
from portal.procedures import registry
from portal.tenancy import scoped_to_staff

AGENCY_AUDIENCE = "agencies"


def agency_phase_kinds() -> list[str]:
    """Codes of the registered phase kinds whose audience is public agencies (§4(1), §4(2))."""
    codes = []
    for code, _name in registry.phase_kind_choices():
        definition = registry.phase_kind(code)
        if definition is not None and definition.audience == AGENCY_AUDIENCE:
            codes.append(code)
    return codes


def is_agency_phase(phase: Phase) -> bool:
    definition = phase.kind_definition
    return definition is not None and definition.audience == AGENCY_AUDIENCE


def agency_phases_for_staff(user) -> QuerySet[Phase]:
    """The agency phases of plans of the user's authorities (all roles)."""
    return scoped_to_staff(
        Phase.objects.filter(kind__in=agency_phase_kinds(), procedure__plan__isnull=False), user
    ).select_related("procedure__authority", "procedure__plan")


def agency_phase_for_staff(user, phase_pk) -> Phase:
    """An agency phase of the user's authorities, or 404 (also for another authority's)."""
    return get_object_or_404(agency_phases_for_staff(user), pk=phase_pk)
