"""A live-voting session (one per procedure of kind "live_vote"), its questions and votes.

One vote per device and question is a database rule (unique question + device hash), so
parallel requests with one device token cannot count twice (services.cast_vote).
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .codes import new_code


class QuestionType(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale")
    WORDS = "words", _("word cloud (short text)")


CHOICE_TYPES = {QuestionType.SINGLE, QuestionType.MULTIPLE}


class QuestionState(models.TextChoices):
    DRAFT = "draft", _("prepared")
    OPEN = "open", _("open for voting")
    CLOSED = "closed", _("closed")


class VotingSession(models.Model):
    TENANT_FIELD = "authority"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.PROTECT, related_name="live_votes")
    procedure = models.OneToOneField("portal.Procedure", verbose_name=_("procedure"),
                                     on_delete=models.CASCADE, related_name="live_vote")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    code = models.CharField(_("join code"), max_length=6, unique=True, default=new_code,
                            editable=False)
    #: Where the session takes place: the page of an event (the events module links its events
    #: here; until then any address of the event's page may be entered).
    event_url = models.URLField(_("address of the event's page"), blank=True)
    #: Only participants whose check-in the configured check function confirms may vote
    #: (settings.PORTAL_LIVE_VOTING_CHECK_IN, see checkin.py and docs/live-voting.md).
    checked_in_only = models.BooleanField(_("only checked-in ticket holders may vote"),
                                          default=False)
    live_results = models.BooleanField(
        _("show results on the projector while voting"), default=True,
        help_text=_("Otherwise the projector shows only the number of votes until you reveal "
                    "the results."))
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    #: Raised by every change the projector must show besides a new vote (question opened,
    #: closed, revealed, an answer hidden): part of the status's ETag.
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("live voting session")
        verbose_name_plural = _("live voting sessions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        from .apps import PHASE_KIND

        return self.procedure.phases.open_at(now).filter(kind=PHASE_KIND).exists()

    def active_question(self):
        return self.questions.filter(state=QuestionState.OPEN).first()


class Question(models.Model):
    session = models.ForeignKey(VotingSession, on_delete=models.CASCADE,
                                related_name="questions")
    order = models.PositiveIntegerField(_("order"), default=0)
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    text = models.CharField(_("question"), max_length=300)
    options = models.JSONField(_("options"), default=list, blank=True)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many choices"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)])
    scale_min = models.SmallIntegerField(_("scale from"), default=1,
                                         validators=[MinValueValidator(0), MaxValueValidator(10)])
    scale_max = models.SmallIntegerField(_("scale to"), default=5,
                                         validators=[MinValueValidator(1), MaxValueValidator(10)])
    scale_min_label = models.CharField(_("label of the lowest value"), max_length=60,
                                       blank=True)
    scale_max_label = models.CharField(_("label of the highest value"), max_length=60,
                                       blank=True)
    state = models.CharField(_("state"), max_length=10, choices=QuestionState.choices,
                             default=QuestionState.DRAFT)
    revealed = models.BooleanField(_("results revealed"), default=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]
        constraints = [
            # At most one question of a session is open at a time.
            models.UniqueConstraint(fields=["session"], condition=models.Q(state="open"),
                                    name="livevoting_one_open_question"),
            models.CheckConstraint(condition=models.Q(scale_max__gt=models.F("scale_min")),
                                   name="livevoting_scale_range"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def choices(self) -> list[str]:
        return [str(option) for option in (self.options or [])]

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class Vote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    #: SHA-256 of the device token (codes.device_hash); never the token itself.
    device = models.CharField(max_length=64)
    #: single/multiple: list of option indexes; scale: the number; words: null (see text).
    choice = models.JSONField(null=True, blank=True)
    text = models.CharField(max_length=80, blank=True)
    hidden = models.BooleanField(_("hidden by the moderator"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "device"],
                                    name="livevoting_one_vote_per_device"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.pk}"
