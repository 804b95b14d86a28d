"""Categories of incident reports (Open311 "services"), per authority, with extra questions."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

service_code_validator = RegexValidator(
    r"^[A-Za-z0-9_-]{1,40}$",
    _("Use letters, digits, hyphens and underscores only (at most 40)."),
)


class IncidentCategory(models.Model):
    authority = models.ForeignKey("portal.Authority", on_delete=models.CASCADE,
                                  related_name="incident_categories")
    service_code = models.CharField(_("service code (Open311)"), max_length=40,
                                    validators=[service_code_validator])
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    group = models.CharField(_("group"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    due_days = models.PositiveIntegerField(
        _("due within (days)"), null=True, blank=True,
        help_text=_("A report not closed after this many days is shown as overdue."))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("incident category")
        verbose_name_plural = _("incident categories")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "service_code"],
                                    name="incident_category_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_metadata(self) -> bool:
        return self.questions.exists()


class Datatype(models.TextChoices):
    """The Open311 GeoReport v2 attribute datatypes."""

    STRING = "string", _("short text")
    NUMBER = "number", _("number")
    DATETIME = "datetime", _("date and time")
    TEXT = "text", _("long text")
    SINGLEVALUELIST = "singlevaluelist", _("choice of one")
    MULTIVALUELIST = "multivaluelist", _("choice of several")


LIST_TYPES = {Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST}


class CategoryQuestion(models.Model):
    """An extra question of a category (an Open311 attribute)."""

    category = models.ForeignKey(IncidentCategory, on_delete=models.CASCADE,
                                 related_name="questions")
    code = models.CharField(_("code"), max_length=40, validators=[service_code_validator])
    datatype = models.CharField(_("type"), max_length=20, choices=Datatype.choices)
    label = models.CharField(_("question"), max_length=200)
    description = models.CharField(_("help text"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    #: For the list types: [{"key": "...", "name": "..."}, ...]
    values = models.JSONField(_("answers to choose from"), default=list, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"],
                                    name="incident_question_code_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    def choices(self) -> list[tuple[str, str]]:
        return [(str(v.get("key")), str(v.get("name"))) for v in self.values or []
                if isinstance(v, dict)]

    def clean(self) -> None:
        if self.datatype in LIST_TYPES:
            if not self.choices():
                raise ValidationError({"values": _("A choice needs at least one answer.")})
        elif self.values:
            raise ValidationError({"values": _("Only choices have answers to choose from.")})
