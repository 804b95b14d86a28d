"""The register of data-subject requests (Art. 15–20 GDPR) with their one-month deadline."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestKind(models.TextChoices):
    ACCESS = "access", _("access (Art. 15 GDPR)")
    PORTABILITY = "portability", _("data portability (Art. 20 GDPR)")
    ERASURE = "erasure", _("erasure (Art. 17 GDPR)")


class DataSubjectRequest(models.Model):
    """One request of one person. Once an erasure is done, the person's name and e-mail are
    removed from the register too; the register keeps the reference, dates and outcome."""

    TENANT_FIELD = "authority"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.CASCADE, related_name="subject_requests")
    kind = models.CharField(_("kind of request"), max_length=20, choices=RequestKind.choices)
    subject_name = models.CharField(_("name of the person"), max_length=200, blank=True)
    subject_email = models.EmailField(_("e-mail of the person"), blank=True)
    received_on = models.DateField(_("received on"))
    deadline = models.DateField(_("deadline"), editable=False)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["completed_at", "deadline", "pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"DSR-{self.received_on:%Y}-{self.pk or 0:05d}"
