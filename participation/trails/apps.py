from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODULE_CODE = "trails"


class TrailsConfig(AppConfig):
    """Hiking trails, a signpost register with QR labels, and reports on trails (Wegewarte)."""

    name = "participation.trails"
    label = "trails"
    verbose_name = _("Trails and signposts")

    def ready(self) -> None:
        from portal import modules

        from . import signals  # noqa: F401  (connects the report receiver)

        modules.register(
            modules.Module(
                code=MODULE_CODE,
                name=_("Trails and signposts (Wegewarte)"),
                description=_("Hiking trails, a signpost register with QR labels, and "
                              "incident reports snapped to the trails."),
            )
        )
