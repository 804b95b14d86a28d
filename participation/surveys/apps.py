from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODULE_CODE = "surveys"
PROCEDURE_KIND = "survey"
PHASE_KIND = "survey_open"


def _handles_surveys(user) -> bool:
    from .selectors import staff_authorities

    return bool(staff_authorities(user))


class SurveysConfig(AppConfig):
    """Surveys (Umfragen) with map questions, a kind of procedure of the one phase engine."""

    name = "participation.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from accounts_citizen.contributions import registry as contributions
        from portal import modules, sections, staff_links
        from portal.procedures import registry

        from . import listing
        from .contributions import SurveyContributions
        from .sections import surveys_section

        modules.register(modules.Module(
            code=MODULE_CODE, name=_("Surveys"),
            description=_("Questionnaires with choice, text and map questions; results as "
                          "charts, CSV and GeoPackage.")))
        registry.register_phase_kind(registry.PhaseKind(
            code=PHASE_KIND, name=_("Survey open"), accepts_statements=False,
            description=_("While this phase is open, the survey can be answered.")))
        registry.register_procedure_kind(registry.ProcedureKind(
            code=PROCEDURE_KIND, name=_("Survey"), module=MODULE_CODE,
            phase_kinds=(PHASE_KIND,), default_phases=(PHASE_KIND,)))
        listing.register()
        sections.register(sections.Section(code=MODULE_CODE, order=50, render=surveys_section))
        staff_links.register(staff_links.StaffLink(
            "surveys", _("Surveys"), "surveys_staff:list", 70, is_visible=_handles_surveys))
        contributions.register(SurveyContributions())
        from . import embedding

        embedding.register()  # pages that may be embedded in the authority's website
