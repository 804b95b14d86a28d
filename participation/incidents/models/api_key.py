"""Open311 API keys: per client and authority, stored as a SHA-256 hash only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Open311Key(models.Model):
    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE,
                                  related_name="open311_keys")
    client_name = models.CharField(_("client"), max_length=120)
    #: The first characters of the key, to recognise it in lists; not enough to use it.
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        ordering = ["client_name"]

    def __str__(self) -> str:
        return f"{self.client_name} ({self.prefix}…)"
