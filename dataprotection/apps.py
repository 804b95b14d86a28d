from django.apps import AppConfig
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

        access_log.register(record_access)
        from .tasks import register_recovery

        register_recovery()

        staff_links.register(staff_links.StaffLink(
            "dataprotection", _("Data protection (DSGVO)"), "dataprotection:index", 90,
            is_visible=administers_somewhere))
