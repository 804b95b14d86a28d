"""The dialogue as a kind of the one procedure engine (portal.procedures.registry)."""

from django.utils.translation import gettext_lazy as _

from portal.procedures import registry
from portal.procedures.registry import PhaseKind, ProcedureKind

from .apps import MODULE_CODE

PROCEDURE_KIND = "dialogue"
OPEN_PHASE = "dialogue_open"

PHASE_KINDS = [
    PhaseKind(OPEN_PHASE, _("Dialogue open for comments"), audience="public",
              accepts_statements=False,
              description=_("Participants write comments and replies and rate them.")),
]
PROCEDURE_KINDS = [
    ProcedureKind(PROCEDURE_KIND, _("Dialogue"), MODULE_CODE, (OPEN_PHASE,),
                  description=_("An informal dialogue with comments on a text and a map."),
                  default_phases=(OPEN_PHASE,)),
]


def register() -> None:
    for kind in PHASE_KINDS:
        registry.register_phase_kind(kind)
    for kind in PROCEDURE_KINDS:
        registry.register_procedure_kind(kind)
