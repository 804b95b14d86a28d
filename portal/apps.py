from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from gis.tasks import ingest_layer, mark_ingest_interrupted

        from .worker import policies

        # Ingests are not repeated (the file may be what stopped the worker): failed visibly.
        policies.register(ingest_layer, on_abandoned=mark_ingest_interrupted)
        from .embedding import portal_pages

        portal_pages.register()  # the home page may be embedded (docs/embedding.md)
