"""An incident report, its photos (re-encoded derivatives only) and its status history."""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from .category import IncidentCategory


class Status(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    CLOSED = "closed", _("closed")


class Channel(models.TextChoices):
    WEB = "web", _("web form")
    OPEN311 = "open311", _("Open311 interface")


class IncidentReport(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey("portal.Authority", on_delete=models.PROTECT,
                                  related_name="incident_reports")
    category = models.ForeignKey(IncidentCategory, on_delete=models.PROTECT,
                                 related_name="reports")
    reference = models.CharField(_("reference number"), max_length=30)
    location = models.PointField(_("location"), srid=settings.PORTAL_STORAGE_SRID)
    address = models.CharField(_("address or description of the place"), max_length=300,
                               blank=True)
    description = models.TextField(_("description"))
    #: Answers to the category's extra questions: {code: value or [values]}.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.OPEN)
    public_answer = models.TextField(_("public answer"), blank=True)
    reporter_name = models.CharField(_("name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=50, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices,
                               default=Channel.WEB)
    api_client = models.ForeignKey("incidents.Open311Key", on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="reports")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("assigned to"))
    #: Set when staff merged this report into another one (it is then closed).
    duplicate_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="duplicates",
                                     verbose_name=_("duplicate of"))
    #: The reference number at the authority that forwarded the report here.
    previous_reference = models.CharField(_("previous reference number"), max_length=80,
                                          blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("incident report")
        verbose_name_plural = _("incident reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "reference"],
                                    name="incident_reference_unique"),
            models.UniqueConstraint(fields=["authority", "idempotency_key"],
                                    name="incident_idempotency_unique"),
        ]
        indexes = [models.Index(fields=["authority", "status", "created_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_overdue(self) -> bool:
        from ..stats import is_overdue

        return is_overdue(self)


class StatusChange(models.Model):
    """One entry of a report's history: the status it got and the public answer given."""

    TENANT_FIELD = "report__authority"

    report = models.ForeignKey(IncidentReport, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    public_answer = models.TextField(_("public answer"), blank=True)
    note = models.TextField(_("internal note"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]


def photo_path(instance, filename: str) -> str:
    # Generated names only; under private/: served by a view, never by the media route.
    return f"private/incidents/{instance.report.authority_id}/{instance.uid}.jpg"


class ReportPhoto(models.Model):
    """A photo as the portal re-encoded it (no metadata); the upload itself is not kept."""

    TENANT_FIELD = "report__authority"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(IncidentReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]


class ReferenceCounter(models.Model):
    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE,
                                  related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"],
                                    name="incident_reference_counter_unique"),
        ]
