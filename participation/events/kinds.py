"""The event as a kind of the one procedure engine (portal.procedures.registry)."""

from django.utils.translation import gettext_lazy as _

from portal.procedures import registry
from portal.procedures.registry import PhaseKind, ProcedureKind

from .apps import MODULE_CODE

PROCEDURE_KIND = "event"
REGISTRATION_PHASE = "event_registration"

PHASE_KINDS = [
    PhaseKind(REGISTRATION_PHASE, _("Registration for the event"), audience="public",
              accepts_statements=False,
              description=_("Citizens register for the event until its registration "
                            "deadline.")),
]
PROCEDURE_KINDS = [
    ProcedureKind(PROCEDURE_KIND, _("Event"), MODULE_CODE, (REGISTRATION_PHASE,),
                  description=_("A hearing, workshop or site walk with registration and "
                                "tickets."),
                  default_phases=(REGISTRATION_PHASE,)),
]


def register() -> None:
    for kind in PHASE_KINDS:
        registry.register_phase_kind(kind)
    for kind in PROCEDURE_KINDS:
        registry.register_procedure_kind(kind)
