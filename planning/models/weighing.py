"""Weighing (Abwägung): decisions on statements, their sections and groups of statements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Decision(models.TextChoices):
    CONSIDERED = "considered", _("considered")
    PARTLY = "partly", _("partly considered")
    NOT_CONSIDERED = "not_considered", _("not considered")
    NOTED = "noted", _("noted")


class GroupKind(models.TextChoices):
    IDENTICAL = "identical", _("identical texts (mass objection)")
    SIMILAR = "similar", _("similar statements")


class StatementGroup(models.Model):
    """Statements weighed together: identical texts found automatically, or similar ones a
    planner confirmed. A statement belongs to at most one group (Statement.group)."""

    authority = models.ForeignKey("portal.Authority", on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey("planning.Plan", on_delete=models.CASCADE,
                             related_name="statement_groups")
    kind = models.CharField(_("kind"), max_length=10, choices=GroupKind.choices)
    title = models.CharField(_("title"), max_length=200)
    text_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement group")
        verbose_name_plural = _("statement groups")
        ordering = ["plan", "title"]

    def __str__(self) -> str:
        return self.title


class StatementSection(models.Model):
    """A part of a long statement, weighed on its own."""

    statement = models.ForeignKey("planning.Statement", on_delete=models.CASCADE,
                                  related_name="sections")
    order = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("text of the section"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["statement", "order"]
        constraints = [models.UniqueConstraint(fields=["statement", "order"],
                                               name="one_section_per_position")]

    def __str__(self) -> str:
        return f"{self.statement}-{self.order}"


class Consideration(models.Model):
    """The authority's decision on exactly one target: a statement, a section or a group."""

    TENANT_FIELD = "authority"

    authority = models.ForeignKey("portal.Authority", on_delete=models.PROTECT, related_name="+")
    statement = models.OneToOneField("planning.Statement", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="consideration")
    section = models.OneToOneField(StatementSection, null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="consideration")
    group = models.OneToOneField(StatementGroup, null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="consideration")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices,
                                blank=True)
    reasoning = models.TextField(_("reasoning"), blank=True)
    plan_change = models.TextField(_("resulting change of the plan"), blank=True)
    plan_features = models.ManyToManyField("portal_gis.Feature", blank=True, related_name="+",
                                           verbose_name=_("changed plan objects"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("assigned to"))
    due_date = models.DateField(_("due"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[plan_features])

    class Meta:
        verbose_name = _("consideration")
        verbose_name_plural = _("considerations")
        constraints = [
            models.CheckConstraint(
                name="consideration_has_one_target",
                condition=(
                    Q(statement__isnull=False, section__isnull=True, group__isnull=True)
                    | Q(statement__isnull=True, section__isnull=False, group__isnull=True)
                    | Q(statement__isnull=True, section__isnull=True, group__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.get_decision_display() or "–"


class TextBlock(models.Model):
    """Reusable reasoning text of an authority."""

    TENANT_FIELD = "authority"

    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE,
                                  related_name="text_blocks")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    decision = models.CharField(_("suggested decision"), max_length=20,
                                choices=Decision.choices, blank=True)

    class Meta:
        verbose_name = _("text block")
        verbose_name_plural = _("text blocks")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class InternalNote(models.Model):
    TENANT_FIELD = "statement__authority"

    statement = models.ForeignKey("planning.Statement", on_delete=models.CASCADE,
                                  related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:50]


class ResultRelease(models.Model):
    """The release of the weighing results of a plan's procedure (once)."""

    TENANT_FIELD = "plan__authority"

    plan = models.OneToOneField("planning.Plan", on_delete=models.CASCADE,
                                related_name="result_release")
    released_at = models.DateTimeField(_("released"))
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    publish = models.BooleanField(_("publish the results"), default=True)

    class Meta:
        verbose_name = _("release of results")
        verbose_name_plural = _("releases of results")

    def __str__(self) -> str:
        return f"{self.plan} ({self.released_at:%d.%m.%Y})"


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    LETTER = "letter", _("letter")


class ResultNotification(models.Model):
    """One notification of the result to one recipient; unique, so it is sent once."""

    TENANT_FIELD = "statement__authority"

    statement = models.ForeignKey("planning.Statement", on_delete=models.CASCADE,
                                  related_name="result_notifications")
    cosignature = models.ForeignKey("planning.CoSignature", null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10, choices=NotificationChannel.choices)
    recipient = models.CharField(max_length=300)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("result notification")
        verbose_name_plural = _("result notifications")
        # Two partial constraints instead of NULLS NOT DISTINCT, which SQLite cannot do.
        constraints = [
            models.UniqueConstraint(fields=["statement", "channel"],
                                    condition=Q(cosignature__isnull=True),
                                    name="one_notification_per_submitter"),
            models.UniqueConstraint(fields=["statement", "cosignature", "channel"],
                                    condition=Q(cosignature__isnull=False),
                                    name="one_notification_per_cosigner"),
        ]

    def __str__(self) -> str:
        return f"{self.statement} → {self.recipient}"
