"""Public agencies (Träger öffentlicher Belange) and their invitations to §4 phases."""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class Agency(models.Model):
    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(_("name"), max_length=300)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    emails = models.JSONField(_("contact e-mail addresses"), default=list)
    responsibility_area = models.MultiPolygonField(
        _("area of responsibility"), srid=settings.PORTAL_STORAGE_SRID, null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("public agency")
        verbose_name_plural = _("public agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InvitationState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    INVITED = "invited", _("invited")
    ANSWERED = "answered", _("answered")


class AgencyInvitation(models.Model):
    TENANT_FIELD = "phase__procedure__authority"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    phase = models.ForeignKey("portal.Phase", on_delete=models.CASCADE, related_name="invitations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="invitations")
    state = models.CharField(_("state"), max_length=10, choices=InvitationState.choices,
                             default=InvitationState.PROPOSED)
    #: SHA-256 of the secret in the personal link; the secret itself is only in the e-mail.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["phase", "agency"], name="one_invitation_per_phase")
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.phase}"
