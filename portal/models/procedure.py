"""Procedures (Verfahren) and their phases: the one engine for every kind of participation."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..procedures import registry, timing


class Procedure(models.Model):
    authority = models.ForeignKey(
        "portal.Authority", verbose_name=_("authority"), on_delete=models.PROTECT,
        related_name="procedures",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=registry.procedure_kind_choices)
    title = models.CharField(_("title"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_definition(self) -> registry.ProcedureKind | None:
        return registry.procedure_kind(self.kind)

    def clean(self) -> None:
        if registry.procedure_kind(self.kind) is None:
            raise ValidationError({"kind": gettext("Unknown kind of procedure.")})

    def current_phase(self, now: datetime | None = None):
        return self.phases.open_at(now).first()


class PhaseQuerySet(models.QuerySet):
    def open_at(self, now: datetime | None = None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_before__gt=now)

    def upcoming_at(self, now: datetime | None = None):
        return self.filter(starts_at__gt=now or timezone.now())

    def closed_at(self, now: datetime | None = None):
        return self.filter(ends_before__lte=now or timezone.now())


class PhaseState(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Phase(models.Model):
    """A period of calendar days in Europe/Berlin with the rules of its kind.

    `starts_at`/`ends_before` are derived from the dates (first instant of the start day, first
    instant after the end day, both in Berlin) so that "open now" is one indexed query and the
    clock, not a person, opens and closes the phase.
    """

    TENANT_FIELD = "procedure__authority"

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=registry.phase_kind_choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    starts_at = models.DateTimeField(_("opens at"), editable=False)
    ends_before = models.DateTimeField(_("closes before"), editable=False)
    announcement_text = models.TextField(_("announcement (Bekanntmachung)"), blank=True)
    announcement_date = models.DateField(_("date of the announcement"), null=True, blank=True)
    late_statements_warned = models.BooleanField(
        _("the announcement warns that late statements may be disregarded (§4a(5) BauGB)"),
        default=True,
    )
    accepts_late_statements = models.BooleanField(
        _("accept late statements (marked as late)"), default=False
    )
    timing_warnings_acknowledged = models.BooleanField(
        _("timing warnings acknowledged"), default=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                   name="phase_ends_after_start"),
        ]
        indexes = [models.Index(fields=["starts_at", "ends_before"])]

    def __str__(self) -> str:
        return self.display_title

    def save(self, *args, **kwargs):
        self.derive_instants()
        super().save(*args, **kwargs)

    @property
    def kind_definition(self) -> registry.PhaseKind | None:
        return registry.phase_kind(self.kind)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        definition = self.kind_definition
        return str(definition.name) if definition else self.kind

    @property
    def last_moment(self) -> datetime:
        return timing.last_moment(self.end_date)

    def derive_instants(self) -> None:
        self.starts_at = timing.start_of_day(self.start_date)
        self.ends_before = timing.end_of_day_exclusive(self.end_date)

    def state(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.starts_at:
            return PhaseState.UPCOMING
        if now < self.ends_before:
            return PhaseState.OPEN
        return PhaseState.CLOSED

    def is_open(self, now: datetime | None = None) -> bool:
        return self.state(now) == PhaseState.OPEN

    def timing_problems(self) -> list[registry.TimingProblem]:
        definition = self.kind_definition
        if definition is None or not (self.start_date and self.end_date):
            return []
        return definition.check_period(self.start_date, self.end_date)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        definition = self.kind_definition
        if definition is None:
            errors.setdefault("kind", []).append(gettext("Unknown kind of phase."))
        elif self.procedure_id and self.procedure.kind_definition and not self.procedure.kind_definition.allows(self.kind):
            errors.setdefault("kind", []).append(
                gettext("A procedure of the kind “%(procedure)s” has no phase “%(phase)s”.")
                % {"procedure": self.procedure.kind_definition.name, "phase": definition.name}
            )
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                errors.setdefault("end_date", []).append(
                    gettext("The last day must not be before the first day.")
                )
            else:
                for problem in self.timing_problems():
                    if problem.level == "error":
                        errors.setdefault("end_date", []).append(problem.message)
                    elif not self.timing_warnings_acknowledged:
                        errors.setdefault("timing_warnings_acknowledged", []).append(
                            problem.message
                            + " "
                            + gettext("Confirm that you checked this to save the phase.")
                        )
        if errors:
            raise ValidationError(errors)

