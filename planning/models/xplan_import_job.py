"""An XPlanGML upload waiting for, running through or finished with the import."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def xplan_upload_path(instance, filename: str) -> str:
    # Generated names only; the user's file name is kept as data, never as a path.
    return f"private/xplan-imports/{instance.authority_id}/{instance.uid}/upload"


class XPlanImportJob(models.Model):
    """One upload of a .gml/.xml/.zip by staff; the import runs as a background task.

    The uploaded file is removed when the import has finished (the created plans keep their own
    copy in Plan.source_file); `report` is the import report (planning/xplan_import).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey(
        "portal.Authority", verbose_name=_("authority"), on_delete=models.PROTECT,
        related_name="xplan_import_jobs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    upload = models.FileField(_("uploaded file"), upload_to=xplan_upload_path, blank=True)
    source_name = models.CharField(_("file name"), max_length=255)
    size = models.BigIntegerField(_("size in bytes"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    report = models.JSONField(_("import report"), default=dict, blank=True)
    accept_schema_errors = models.BooleanField(
        _("import despite schema errors"), default=False,
        help_text=_("Violations of the XPlanGML 6.0 schema are listed as warnings instead of "
                    "refusing the file."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("XPlanGML import")
        verbose_name_plural = _("XPlanGML imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def plan_ids(self) -> list[int]:
        return [plan["id"] for plan in self.report.get("plans", []) if plan.get("id")]
