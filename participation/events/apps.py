from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODULE_CODE = "events"


def _runs_events(user) -> bool:
    from .selectors import SCANNER_ROLES, staff_authorities

    return bool(staff_authorities(user, SCANNER_ROLES))


class EventsConfig(AppConfig):
    """Events: registration with capacity and waiting list, QR tickets, an offline scanner."""

    name = "participation.events"
    label = "portal_events"  # "events" alone is too generic a label (STYLE.md 1)
    verbose_name = _("Events")

    def ready(self) -> None:
        from accounts_citizen.contributions import registry as contributions
        from portal import modules, sections, staff_links

        from . import listing
        from .contributions import RegistrationContributions
        from .kinds import register
        from .sections import events_section

        register()
        modules.register(
            modules.Module(
                code=MODULE_CODE,
                name=_("Events"),
                description=_("Hearings, workshops and site walks with registration, waiting "
                              "list, QR tickets and a check-in scanner."),
            )
        )
        sections.register(sections.Section(code=MODULE_CODE, order=47, render=events_section))
        staff_links.register(staff_links.StaffLink(
            "events", _("Events"), "events_staff:list", 67, is_visible=_runs_events))
        contributions.register(RegistrationContributions())
        listing.register()
