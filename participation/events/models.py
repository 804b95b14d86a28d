"""An event (one per procedure of kind "event"), its registrations and their tickets.

A registration covers one to `max_persons` people and is confirmed or waits as a whole; each
person gets a ticket with an unguessable token. Check-in is a conditional update of the
ticket: the first one wins (services.check_in)."""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class Event(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.PROTECT, related_name="events")
    procedure = models.OneToOneField("portal.Procedure", verbose_name=_("procedure"),
                                     on_delete=models.CASCADE, related_name="event")
    related_procedure = models.ForeignKey(
        "portal.Procedure", verbose_name=_("belongs to the procedure"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="linked_events",
        help_text=_("For example the plan procedure whose early participation this event is."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    starts_at = models.DateTimeField(_("begins"))
    ends_at = models.DateTimeField(_("ends"))
    address = models.CharField(_("address of the place"), max_length=500, blank=True)
    location = models.PointField(_("place on the map"), srid=settings.PORTAL_STORAGE_SRID,
                                 null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    max_persons = models.PositiveSmallIntegerField(_("persons per registration (at most)"),
                                                   default=4)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True,
                                                 blank=True)
    ask_sign_language = models.BooleanField(_("ask whether a sign-language interpreter is "
                                              "needed"), default=True)
    ask_accessibility_needs = models.BooleanField(_("ask for accessibility needs"),
                                                  default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.authority.slug, self.uid])

    @property
    def deadline(self):
        return self.registration_deadline or self.starts_at


class Registration(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE,
                              related_name="registrations")
    account = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"),
                                on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="event_registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    persons = models.PositiveSmallIntegerField(_("persons"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    needs_sign_language = models.BooleanField(_("sign-language interpreter needed"),
                                              default=False)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)

    TENANT_FIELD = "event__authority"

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "idempotency_key"],
                                    name="event_registration_idempotency"),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.name}"


class Ticket(models.Model):
    """One person's ticket. `token_id` is random (128 bits); the QR code carries it signed."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="tickets")
    number = models.PositiveSmallIntegerField(_("person"))
    token_id = models.CharField(max_length=40, unique=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+")

    TENANT_FIELD = "registration__event__authority"

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["registration", "number"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "number"],
                                    name="event_ticket_number_once"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} #{self.number}"
