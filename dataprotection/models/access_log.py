"""Who opened personal data: submitter details, exports with personal data, letters."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    TENANT_FIELD = "authority"

    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"),
                             on_delete=models.SET_NULL, null=True, related_name="+")
    what = models.CharField(_("what was opened"), max_length=60)
    object_reference = models.CharField(_("object"), max_length=200, blank=True)
    path = models.CharField(_("address"), max_length=500)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}"

    @property
    def what_label(self) -> str:
        from ..access_log import label

        return label(self.what)
