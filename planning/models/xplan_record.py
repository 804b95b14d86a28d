"""What an imported plan's XPlanGML held beyond the portal's own tables (for the export)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class XPlanRecord(models.Model):
    """The XPlanung side of an imported plan.

    Plan, PlanDocument, PlanLayer and gis Feature rows hold what the portal shows; this keeps
    the rest so that the plan can be written as XPlanGML 6.0 again: the plan's own XPlanung
    properties and typed facts, its Bereiche, objects without a geometry (XP_TextAbschnitt …),
    the property order of each class, and the facts as imported (so the export writes the
    portal's value only where staff changed it). `data` is built and read by
    planning/xplan_import/record.py.
    """

    TENANT_FIELD = "plan__authority"

    plan = models.OneToOneField(
        "planning.Plan", verbose_name=_("plan"), on_delete=models.CASCADE,
        related_name="xplan_record",
    )
    job = models.ForeignKey(
        "planning.XPlanImportJob", verbose_name=_("import"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="records",
    )
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    xplan_version = models.CharField(_("XPlanung version"), max_length=10, blank=True)
    source_srid = models.IntegerField(_("source CRS (EPSG)"), null=True, blank=True)
    data = models.JSONField(_("XPlanung data"), default=dict, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("XPlanung record")
        verbose_name_plural = _("XPlanung records")

    def __str__(self) -> str:
        return f"{self.plan} ({self.source_name})"
