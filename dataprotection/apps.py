from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class DataProtectionConfig(AppConfig):
    """The DSGVO assistant: retention, data-subject requests, the record of processing
    activities and the access log (docs/dataprotection.md)."""

    name = "dataprotection"
    label = "dataprotection"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        from portal import access_log, privacy_notices, procedure_panels, staff_links

        from . import describers
        from .access_log import record_access
        from .notice import Provider
        from .panels import checklist_panel
        from .permissions import administers_somewhere
        from .tasks import register_recovery

        access_log.register(record_access)
        register_recovery()
        privacy_notices.register(Provider())
        describers.register()
        procedure_panels.register(checklist_panel, order=90)
        if apps.is_installed("participation.incidents"):
            from . import incidents

            incidents.register()
        if apps.is_installed("participation.surveys"):
            from . import surveys

            surveys.register()
        from . import events

        events.register()
        if apps.is_installed("participation.subscriptions"):
            from . import subscriptions

            subscriptions.register()
        staff_links.register(staff_links.StaffLink(
            "dataprotection", _("Data protection (DSGVO)"), "dataprotection:index", 90,
            is_visible=administers_somewhere))
