"""A question of a survey: its type, page, options and the condition under which it is shown."""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from gis.srid import storage_srid


class QuestionType(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    TEXT = "text", _("free text")
    NUMBER = "number", _("number")
    SCALE = "scale", _("scale (1–5)")
    RANKING = "ranking", _("ranking")
    DATE = "date", _("date")
    MAP_POINT = "map_point", _("map: points")
    MAP_LINE = "map_line", _("map: lines")
    MAP_AREA = "map_area", _("map: areas")


MAP_TYPES = {QuestionType.MAP_POINT, QuestionType.MAP_LINE, QuestionType.MAP_AREA}
CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.RANKING}
SCALE_VALUES = ("1", "2", "3", "4", "5")


class Question(models.Model):
    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE,
                               related_name="questions")
    order = models.PositiveIntegerField(_("order"), default=0)
    page = models.PositiveIntegerField(_("page"), default=1)
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    options = models.JSONField(_("options"), default=list, blank=True)
    limit_area = models.MultiPolygonField(_("limit to area"), srid=storage_srid(), null=True,
                                          blank=True)
    max_count = models.PositiveIntegerField(_("maximum number of drawings"), null=True,
                                            blank=True)
    condition_question = models.ForeignKey(
        "self", verbose_name=_("show only if question"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="dependants")
    condition_value = models.CharField(_("has the answer"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["page", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_map(self) -> bool:
        return self.type in MAP_TYPES

    @property
    def choices(self) -> list[str]:
        if self.type == QuestionType.SCALE:
            return list(SCALE_VALUES)
        return [str(option) for option in (self.options or [])]
