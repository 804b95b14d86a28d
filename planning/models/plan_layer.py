"""The map layers of a plan, in drawing order."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanLayer(models.Model):
    TENANT_FIELD = "plan__authority"

    plan = models.ForeignKey(
        "planning.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="plan_layers"
    )
    layer = models.OneToOneField(
        "portal_gis.Layer", verbose_name=_("layer"), on_delete=models.CASCADE, related_name="plan_link"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    visible_by_default = models.BooleanField(_("visible by default"), default=True)

    class Meta:
        verbose_name = _("plan layer")
        verbose_name_plural = _("plan layers")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.layer}"
