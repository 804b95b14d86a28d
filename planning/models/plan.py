"""A land-use plan (Bauleitplan) with its Geltungsbereich."""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import keys

from ..codelists import LegalStatus, PlanClass, PlanKind, StatusGroup, plan_kind, status_group
from .querysets import PlanQuerySet


def plan_source_path(instance, filename: str) -> str:
    return f"private/plans/{instance.authority_id}/{instance.uid}/source"


class Plan(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey(
        "portal.Authority", verbose_name=_("authority"), on_delete=models.PROTECT,
        related_name="plans",
    )
    procedure = models.OneToOneField(
        "portal.Procedure", verbose_name=_("procedure"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="plan",
    )
    plan_class = models.CharField(
        _("plan class"), max_length=10, choices=PlanClass.choices, default=PlanClass.BP
    )
    plan_art = models.JSONField(_("plan type codes (planArt)"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=PlanKind.choices, editable=False)
    name = models.CharField(_("name"), max_length=300)
    number = models.CharField(_("number"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    legal_status = models.CharField(
        _("legal status (Rechtsstand)"), max_length=10, choices=LegalStatus.choices, blank=True
    )
    status_group = models.CharField(
        _("status"), max_length=20, choices=StatusGroup.choices, editable=False
    )
    area = models.MultiPolygonField(
        _("Area of validity"), srid=settings.PORTAL_STORAGE_SRID, null=True, blank=True
    )
    ags = models.CharField(
        _("AGS of the municipality"), max_length=8, blank=True, validators=[keys.validate_ags]
    )
    municipality_name = models.CharField(_("municipality"), max_length=200, blank=True)
    decision_to_prepare_date = models.DateField(
        _("decision to prepare (Aufstellungsbeschluss)"), null=True, blank=True
    )
    council_decision_date = models.DateField(
        _("council decision (Satzungsbeschluss)"), null=True, blank=True
    )
    publication_date = models.DateField(_("publication (Bekanntmachung)"), null=True, blank=True)
    entry_into_force_date = models.DateField(_("entry into force"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    source_file = models.FileField(_("source file"), upload_to=plan_source_path, blank=True)
    source_crs = models.CharField(_("source CRS"), max_length=50, blank=True)
    xplan_version = models.CharField(_("XPlanung version"), max_length=10, blank=True)
    xplan_gml_id = models.CharField(_("XPlanung gml:id"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["is_published", "status_group"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})" if self.number else self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "planning:plan-detail",
            kwargs={"authority_slug": self.authority.slug, "plan_uid": self.uid},
        )

    def derive_classification(self) -> None:
        self.kind = plan_kind(self.plan_class, self.plan_art)
        self.status_group = status_group(self.legal_status)

    def save(self, *args, **kwargs):
        self.derive_classification()
        super().save(*args, **kwargs)
