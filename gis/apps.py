from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GisConfig(AppConfig):
    # "gis" is django.contrib.gis's label; ours is prefixed.
    name = "gis"
    label = "portal_gis"
    verbose_name = _("Geodata")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the storage SRID check)
        from .tiles import invalidation

        invalidation.connect()
