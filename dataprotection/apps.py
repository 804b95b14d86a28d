from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class DataProtectionConfig(AppConfig):
    """The DSGVO assistant: retention, data-subject requests, the record of processing
    activities and the access log (docs/dataprotection.md)."""

    name = "dataprotection"
    label = "dataprotection"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from portal import access_log, staff_links

        from .access_log import record_access
        from .permissions import administers_somewhere
        from .tasks import register_recovery

        access_log.register(record_access)
        register_recovery()
        if apps.is_installed("participation.incidents"):
            from . import incidents

            incidents.register()
        staff_links.register(staff_links.StaffLink(
            "dataprotection", _("Data protection (DSGVO)"), "dataprotection:index", 90,
            is_visible=administers_somewhere))
