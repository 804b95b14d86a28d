from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODULE_CODE = "livevoting"
PROCEDURE_KIND = "live_vote"
PHASE_KIND = "live_vote_open"


def _runs_live_votes(user) -> bool:
    from .selectors import staff_authorities

    return bool(staff_authorities(user))


class LiveVotingConfig(AppConfig):
    """Live voting (Live-Abstimmung): questions answered on phones during a meeting, with a
    projector view; a kind of procedure of the one phase engine."""

    name = "participation.livevoting"
    label = "livevoting"
    verbose_name = _("Live voting")

    def ready(self) -> None:
        from portal import modules, sections, staff_links
        from portal.procedures import registry

        from . import listing
        from .sections import live_voting_section

        modules.register(modules.Module(
            code=MODULE_CODE, name=_("Live voting"),
            description=_("Questions answered live on phones during a meeting (join by code "
                          "or QR code, no account), with a projector view and exports.")))
        registry.register_phase_kind(registry.PhaseKind(
            code=PHASE_KIND, name=_("Live voting session"), accepts_statements=False,
            description=_("On these days the moderator can open questions for voting.")))
        registry.register_procedure_kind(registry.ProcedureKind(
            code=PROCEDURE_KIND, name=_("Live voting"), module=MODULE_CODE,
            phase_kinds=(PHASE_KIND,), default_phases=(PHASE_KIND,),
            description=_("A live voting session, e.g. during an event.")))
        sections.register(sections.Section(code=MODULE_CODE, order=55,
                                           render=live_voting_section))
        staff_links.register(staff_links.StaffLink(
            "livevoting", _("Live voting"), "livevoting_staff:list", 75,
            is_visible=_runs_live_votes))
        listing.register()
