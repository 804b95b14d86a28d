"""Trails, signposts (with edit history) and the trail side of incident reports."""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Trail(models.Model):
    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE,
                                  related_name="trails")
    name = models.CharField(_("name"), max_length=200)
    operator = models.CharField(_("operator or club"), max_length=200, blank=True)
    marking = models.CharField(_("marking"), max_length=120, blank=True,
                               help_text=_("For example “Blauer Strich”."))
    geometry = models.MultiLineStringField(_("course"), srid=settings.PORTAL_STORAGE_SRID)
    #: Geodesic length on WGS84 (participation.trails.length), computed on import.
    length_m = models.FloatField(_("length (m)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trail")
        verbose_name_plural = _("trails")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def length_km(self) -> float:
        return round(self.length_m / 1000, 1)


class Condition(models.TextChoices):
    GOOD = "good", _("good")
    DAMAGED = "damaged", _("damaged")
    UNREADABLE = "unreadable", _("unreadable")
    MISSING = "missing", _("missing")


class Signpost(models.Model):
    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE,
                                  related_name="signposts")
    number = models.PositiveIntegerField()
    #: Stable public ID printed on the label: "WW-<authority slug>-0001".
    public_id = models.CharField(_("signpost ID"), max_length=120, unique=True, editable=False)
    location = models.PointField(_("location"), srid=settings.PORTAL_STORAGE_SRID)
    trails = models.ManyToManyField(Trail, blank=True, related_name="signposts",
                                    verbose_name=_("trails"))
    #: Direction plates: [{"destination": str, "distance_km": float|None, "time": str}, ...]
    plates = models.JSONField(_("direction plates"), default=list, blank=True)
    material = models.CharField(_("material"), max_length=120, blank=True)
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices,
                                 default=Condition.GOOD)
    last_inspected = models.DateField(_("last inspection"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signpost")
        verbose_name_plural = _("signposts")
        ordering = ["authority", "number"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "number"],
                                    name="trails_signpost_number_unique"),
        ]

    def __str__(self) -> str:
        return self.public_id


class TrailCategory(models.Model):
    """Marks an incident category as a trail category: its reports snap to the trails."""

    TENANT_FIELD = "category__authority"

    category = models.OneToOneField("incidents.IncidentCategory", on_delete=models.CASCADE,
                                    related_name="trail_category")

    class Meta:
        verbose_name = _("trail category")
        verbose_name_plural = _("trail categories")


class TrailReport(models.Model):
    """The trail side of an incident report: the trail it snapped to, the point as given
    (the report's own location is the snapped one) and the signpost it is about."""

    TENANT_FIELD = "report__authority"

    report = models.OneToOneField("incidents.IncidentReport", on_delete=models.CASCADE,
                                  related_name="trail_report")
    trail = models.ForeignKey(Trail, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="reports")
    signpost = models.ForeignKey(Signpost, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="reports")
    original_location = models.PointField(_("location as reported"),
                                          srid=settings.PORTAL_STORAGE_SRID)
    snap_distance_m = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("report on a trail")
        verbose_name_plural = _("reports on trails")


class TrailSection(models.Model):
    """A named stretch of a trail, from `start_km` to `end_km` measured along its stored course
    (participation.trails.sections): the unit a warden is assigned to."""

    TENANT_FIELD = "trail__authority"

    trail = models.ForeignKey(Trail, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(_("name"), max_length=120)
    start_km = models.FloatField(_("from km"))
    end_km = models.FloatField(_("to km"))

    class Meta:
        verbose_name = _("trail section")
        verbose_name_plural = _("trail sections")
        ordering = ["trail", "start_km", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["trail", "name"], name="trails_section_name_unique"),
            models.CheckConstraint(condition=models.Q(start_km__lt=models.F("end_km"),
                                                      start_km__gte=0),
                                   name="trails_section_range"),
        ]

    def __str__(self) -> str:
        return f"{self.trail.name}: {self.name}"


class Warden(models.Model):
    """A trail warden (Wegewart): a volunteer, not staff, with assigned sections. Invited by
    e-mail; the invitation link binds the signed-in citizen account (`user`)."""

    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE,
                                  related_name="trail_wardens")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, related_name="trail_wardens")
    email = models.EmailField(_("e-mail"))
    sections = models.ManyToManyField(TrailSection, blank=True, related_name="wardens",
                                      verbose_name=_("sections"))
    #: SHA-256 of the invitation token; emptied when the invitation is accepted.
    invitation_hash = models.CharField(max_length=64, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("trail warden")
        verbose_name_plural = _("trail wardens")
        ordering = ["authority", "email"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "email"],
                                    name="trails_warden_email_unique"),
            models.UniqueConstraint(fields=["authority", "user"],
                                    name="trails_warden_user_unique"),
        ]

    def __str__(self) -> str:
        return self.email


class Inspection(models.Model):
    """An inspection walk (Begehung) of a warden: date, sections walked, findings, and the
    reports made from the findings."""

    TENANT_FIELD = "warden__authority"

    warden = models.ForeignKey(Warden, on_delete=models.CASCADE, related_name="inspections")
    walked_on = models.DateField(_("date of the walk"))
    sections = models.ManyToManyField(TrailSection, related_name="inspections",
                                      verbose_name=_("sections walked"))
    findings = models.TextField(_("findings"), blank=True)
    reports = models.ManyToManyField("incidents.IncidentReport", blank=True,
                                     related_name="inspections")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection walk")
        verbose_name_plural = _("inspection walks")
        ordering = ["-walked_on", "-pk"]
