from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Bauleitplanung: plans, BauGB procedures and phases, statements, weighing, XPlanung."""

    name = "planning"
    label = "planning"
    verbose_name = _("Land-use planning")

    def ready(self) -> None:
        from gis.access import register_layer_access
        from portal import modules
        from portal import sections as portal_sections

        from . import procedures
        from .access import staff_may_read_plan_layer
        from .sections import plans_section
        from .weighing import permissions  # noqa: F401  (registers the weighing rules)

        procedures.register()
        register_layer_access(staff_may_read_plan_layer)
        portal_sections.register(
            portal_sections.Section(code="bauleitplanung", order=10, render=plans_section)
        )
        modules.register(
            modules.Module(
                code="bauleitplanung",
                name=_("Land-use planning (Bauleitplanung)"),
                description=_("Plans, BauGB participation, statements and weighing."),
            )
        )
