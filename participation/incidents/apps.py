from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODULE_CODE = "incidents"


def _handles_incidents(user) -> bool:
    from .selectors import staff_authorities

    return bool(staff_authorities(user))


class IncidentsConfig(AppConfig):
    """Incident reports (Ereignismelder) with an Open311 GeoReport v2 server."""

    name = "participation.incidents"
    label = "incidents"
    verbose_name = _("Incident reports")

    def ready(self) -> None:
        from accounts_citizen.contributions import registry as contributions
        from portal import modules, sections, staff_links

        from .contributions import IncidentContributions
        from .sections import incidents_section

        modules.register(
            modules.Module(
                code=MODULE_CODE,
                name=_("Incident reports (Ereignismelder)"),
                description=_("Citizens report problems at a place; staff answer them. "
                              "With an Open311 GeoReport v2 interface."),
            )
        )
        sections.register(sections.Section(code=MODULE_CODE, order=40, render=incidents_section))
        staff_links.register(staff_links.StaffLink(
            "incidents", _("Incident reports"), "incidents_staff:inbox", 60,
            is_visible=_handles_incidents))
        contributions.register(IncidentContributions())
        from .subscription_topic import register_topic

        register_topic()
        from . import embedding

        embedding.register()  # pages that may be embedded in the authority's website
