"""A subscription to an area (double opt-in) and the log of what was delivered to it."""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("immediately, one e-mail per event")
    DAILY = "daily", _("once a day, as a digest")


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscription(models.Model):
    """One e-mail address subscribed to one area. Personal data: deleted on unsubscribe.

    The links in the e-mails carry tokens derived from `public_id` with the secret key
    (tokens.py); only their SHA-256 hashes are stored, so the database alone opens no link.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), max_length=254)
    area = models.MultiPolygonField(_("area"), srid=settings.PORTAL_STORAGE_SRID)
    area_label = models.CharField(_("description of the area"), max_length=300)
    authority = models.ForeignKey(
        "portal.Authority", verbose_name=_("municipality"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    topics = models.JSONField(_("topics"), default=list)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.IMMEDIATE)
    language = models.CharField(_("language"), max_length=10, default="de")
    site_url = models.CharField(_("portal address for links"), max_length=200)
    confirm_token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    unsubscribe_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.area_label


class Delivery(models.Model):
    """An event for a subscription: unique, so it is sent once however often the command
    runs. A row of a digest subscription waits (sent_at empty) until its digest goes out;
    `batch` marks the run that claimed it."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE,
                                     related_name="deliveries")
    event_key = models.CharField(max_length=200)
    topic = models.CharField(max_length=40)
    title = models.CharField(max_length=400)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=400)
    happened_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    batch = models.UUIDField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivered notice")
        verbose_name_plural = _("delivered notices")
        ordering = ["happened_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event_key"],
                                    name="one_delivery_per_event"),
        ]

    def __str__(self) -> str:
        return self.event_key
