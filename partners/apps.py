from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """State partners: other Länder licensed to run their authorities on this installation."""

    name = "partners"
    verbose_name = _("State partners")

    def ready(self) -> None:
        from portal import staff_links

        from .access import may_open_partner_area

        staff_links.register(staff_links.StaffLink(
            code="state-partners", label=_("State partners (Länder)"),
            url_name="partners:home", order=900,
            description=_("Authorities of your Land: import, create, appoint their admins"),
            is_visible=may_open_partner_area, without_authority=True))
