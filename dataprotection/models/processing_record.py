"""What the record of processing activities (Art. 30 GDPR) cannot derive from the portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcessingRecord(models.Model):
    TENANT_FIELD = "authority"

    authority = models.OneToOneField("portal.Authority", verbose_name=_("authority"),
                                     on_delete=models.CASCADE, related_name="processing_record")
    controller = models.TextField(
        _("controller (name and address)"), blank=True,
        help_text=_("Empty: the authority's name and postal address from its settings."))
    dpo_contact = models.TextField(
        _("data protection officer (contact)"), blank=True,
        help_text=_("Empty: the data protection officer from the authority's settings."))
    recipients = models.TextField(
        _("further recipients"), blank=True,
        help_text=_("For example the municipal council, engineering offices, the supervisory "
                    "authority of the plan."))
    security_measures = models.TextField(_("technical and organisational measures"),
                                         blank=True)
    notes = models.TextField(_("further notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("record of processing activities")
        verbose_name_plural = _("records of processing activities")

    def __str__(self) -> str:
        return str(self.authority)
