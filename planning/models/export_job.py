"""An export of the weighing table (Abwägungstabelle), made in the background.

The file is stored privately under a generated name (private/exports/<authority>/<uid>/) and
handed out only to staff of the plan's authority (planning/views/exports_staff.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportFormat(models.TextChoices):
    PDF = "pdf", _("PDF (print layout)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")
    ODS = "ods", _("OpenDocument spreadsheet (ODS)")
    CSV = "csv", _("CSV (semicolon-separated, UTF-8)")
    GPKG = "gpkg", _("GeoPackage of the locations (EPSG:25832)")
    GEOJSON = "geojson", _("GeoJSON of the locations (EPSG:4326)")


class ExportVariant(models.TextChoices):
    INTERNAL = "internal", _("internal (with the submitters' personal data)")
    PUBLIC = "public", _("public (submitters replaced by numbers)")


def export_file_path(instance, filename: str) -> str:
    # Generated names only: nothing a user typed ends up in a storage path.
    return f"private/exports/{instance.authority_id}/{instance.uid}/{filename}"


class ExportJob(models.Model):
    TENANT_FIELD = "authority"

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey("planning.Plan", verbose_name=_("plan"), on_delete=models.CASCADE,
                             related_name="export_jobs")
    phase = models.ForeignKey("portal.Phase", verbose_name=_("phase"), on_delete=models.CASCADE,
                              null=True, blank=True, related_name="+")
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    variant = models.CharField(_("variant"), max_length=10, choices=ExportVariant.choices,
                               default=ExportVariant.PUBLIC)
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(_("statements done"), default=0)
    rows_total = models.PositiveIntegerField(_("statements in total"), default=0)
    file = models.FileField(_("file"), upload_to=export_file_path, blank=True, max_length=300)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export of the weighing table")
        verbose_name_plural = _("exports of the weighing table")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["plan", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.format} {self.variant} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.rows_done / self.rows_total))
