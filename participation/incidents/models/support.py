"""“Me too”: people who have the same problem support an open report instead of reporting it
again; with an e-mail address they receive the status e-mails of the report too."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .report import IncidentReport


class ReportSupport(models.Model):
    TENANT_FIELD = "report__authority"

    report = models.ForeignKey(IncidentReport, on_delete=models.CASCADE, related_name="supports")
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "email"], condition=~models.Q(email=""),
                                    name="incident_support_once_per_address"),
        ]

    def __str__(self) -> str:
        return f"{self.report} +1"
