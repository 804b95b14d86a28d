"""A citizen's profile: how they are named, where they live (to prefill forms), what mail
they want."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitizenProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="citizen_profile")
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    # Optional postal address: prefills the statement form (and the forms of later modules).
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Notification settings.
    notify_status_changes = models.BooleanField(
        _("e-mail me when the status of one of my contributions changes"), default=True)
    notify_new_procedures = models.ManyToManyField(
        "portal.Authority", blank=True, related_name="+",
        verbose_name=_("e-mail me about new procedures of these authorities"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")

    def __str__(self) -> str:
        return self.display_name or str(self.user_id)
