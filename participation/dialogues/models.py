"""A dialogue (one per procedure of kind "dialogue") and its comments, ratings and flags."""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .kinds import OPEN_PHASE


class Moderation(models.TextChoices):
    PRE = "pre", _("Pre-moderation: comments show once a moderator released them")
    POST = "post", _("Post-moderation: comments of signed-in citizens show at once")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    VISIBLE = "visible", _("visible")
    HIDDEN = "hidden", _("hidden")


class Dialogue(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.PROTECT, related_name="dialogues")
    procedure = models.OneToOneField("portal.Procedure", verbose_name=_("procedure"),
                                     on_delete=models.CASCADE, related_name="dialogue")
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    area = models.MultiPolygonField(_("area"), srid=settings.PORTAL_STORAGE_SRID, null=True,
                                    blank=True)
    moderation = models.CharField(_("moderation"), max_length=10, choices=Moderation.choices,
                                  default=Moderation.POST)
    summary = models.TextField(_("summary"), blank=True)
    summary_published_at = models.DateTimeField(_("summary published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def is_open(self) -> bool:
        return self.procedure.phases.filter(kind=OPEN_PHASE).open_at().exists()


class Comment(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dialogue = models.ForeignKey(Dialogue, verbose_name=_("dialogue"), on_delete=models.CASCADE,
                                 related_name="comments")
    parent = models.ForeignKey("self", verbose_name=_("reply to"), on_delete=models.CASCADE,
                               null=True, blank=True, related_name="replies")
    text = models.TextField(_("comment"))  # sanitised HTML (sanitise.clean_comment)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    location = models.GeometryField(_("place on the map"), srid=settings.PORTAL_STORAGE_SRID,
                                    null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"),
                               on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="dialogue_comments")
    guest_name = models.CharField(_("name"), max_length=200, blank=True)
    guest_email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=CommentStatus.choices,
                              default=CommentStatus.PENDING)
    public_reason = models.CharField(_("reason shown publicly"), max_length=500, blank=True)
    moderator_note = models.TextField(_("moderator note (internal)"), blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True)
    notify_replies = models.BooleanField(_("notify me of replies by e-mail"), default=False)
    reply_notified = models.BooleanField(default=False)  # on a reply: its one mail was sent
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    TENANT_FIELD = "dialogue__authority"

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "idempotency_key"],
                                    name="dialogue_comment_idempotency"),
        ]

    def __str__(self) -> str:
        return f"{self.dialogue} #{self.pk}"

    @property
    def author_name(self) -> str:
        if self.author_id:
            return self.author.get_full_name() or str(_("Citizen"))
        return self.guest_name or str(_("Guest"))


class Rating(models.Model):
    AGREE, DISAGREE = 1, -1
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="ratings")
    value = models.SmallIntegerField(choices=[(AGREE, _("agree")), (DISAGREE, _("disagree"))])
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                                blank=True, related_name="+")
    guest_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "account"], condition=Q(account__isnull=False),
                                    name="dialogue_rating_once_per_account"),
            models.UniqueConstraint(fields=["comment", "guest_key"], condition=~Q(guest_key=""),
                                    name="dialogue_rating_once_per_guest"),
        ]


class Flag(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    participant_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "participant_key"],
                                    name="dialogue_flag_once_per_participant"),
        ]


class Block(models.Model):
    """A participant a moderator blocked from the authority's dialogues: an account, or a
    guest's e-mail address (kept only as a keyed hash). Lifting keeps the row for the record."""

    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.CASCADE, related_name="dialogue_blocks")
    account = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"),
                                on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+")
    email_hash = models.CharField(max_length=64, blank=True)
    label = models.CharField(_("participant"), max_length=200)  # the name shown to moderators
    reason = models.CharField(_("reason"), max_length=500)
    comment = models.ForeignKey(Comment, verbose_name=_("comment"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("blocked"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    TENANT_FIELD = "authority"

    class Meta:
        verbose_name = _("blocked participant")
        verbose_name_plural = _("blocked participants")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "account"],
                                    condition=Q(account__isnull=False, lifted_at__isnull=True),
                                    name="dialogue_block_once_per_account"),
            models.UniqueConstraint(fields=["authority", "email_hash"],
                                    condition=~Q(email_hash="") & Q(lifted_at__isnull=True),
                                    name="dialogue_block_once_per_email"),
        ]
