"""Which citizen was told about which opened participation phase (each once)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationAnnouncement(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    phase = models.ForeignKey("portal.Phase", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcement of a participation")
        verbose_name_plural = _("announcements of participations")
        constraints = [
            models.UniqueConstraint(fields=["user", "phase"], name="one_announcement_per_phase"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} – {self.phase_id}"
