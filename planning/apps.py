from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Bauleitplanung: plans, BauGB procedures and phases, statements, weighing, XPlanung."""

    name = "planning"
    label = "planning"
    verbose_name = _("Land-use planning")

    def ready(self) -> None:
        from . import procedures

        procedures.register()
