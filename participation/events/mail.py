"""E-mails to registrants: confirmation (with the .ics and the PDF ticket), waiting list,
move-up, cancellation, and the staff's message to all. Sent after the commit; a failing mail
server never undoes a registration (it is logged)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .tokens import registration_key

logger = logging.getLogger(__name__)


def _links(registration, base_url: str) -> dict:
    event = registration.event
    base = base_url.rstrip("/")
    key = registration_key(registration)
    return {
        "event_url": base + event.get_absolute_url(),
        "manage_url": base + reverse("events:registration", args=[event.authority.slug, key]),
        "cancel_url": base + reverse("events:cancel", args=[event.authority.slug, key]),
    }


def _registration(pk):
    from .models import Registration

    return Registration.objects.select_related("event__authority").filter(pk=pk).first()


def _send(message: EmailMessage) -> None:
    if not any(message.to):
        return  # the person was forgotten (account deleted)
    try:
        message.send()
    except Exception:  # SMTP down: the registration is safe
        logger.warning("Event mail failed", exc_info=True)


def _message(registration, subject: str, template: str, base_url: str,
             with_tickets: bool) -> EmailMessage:
    from .ical import event_ics
    from .tickets import render_tickets, when

    context = {"registration": registration, "event": registration.event,
               "when": when(registration.event), **_links(registration, base_url)}
    message = EmailMessage(subject=subject, body=render_to_string(template, context),
                           to=[registration.email], from_email=settings.DEFAULT_FROM_EMAIL)
    if with_tickets:
        message.attach("veranstaltung.ics",
                       event_ics(registration.event, context["event_url"]),
                       "text/calendar; method=PUBLISH")
        message.attach("ticket.pdf", render_tickets(registration), "application/pdf")
    return message


def send_registration(pk: int, base_url: str) -> None:
    from .models import RegistrationStatus

    registration = _registration(pk)
    if registration is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        title = registration.event.title
        if confirmed:
            subject = translation.gettext("Your registration: %(title)s") % {"title": title}
        else:
            subject = translation.gettext("Waiting list: %(title)s") % {"title": title}
        template = "events/emails/confirmed.txt" if confirmed else "events/emails/waiting.txt"
        _send(_message(registration, subject, template, base_url, with_tickets=confirmed))


def send_moved_up(pk: int, base_url: str) -> None:
    registration = _registration(pk)
    if registration is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("A place is free for you: %(title)s") % {
            "title": registration.event.title}
        _send(_message(registration, subject, "events/emails/moved_up.txt", base_url,
                       with_tickets=True))


def send_cancelled(pk: int) -> None:
    registration = _registration(pk)
    if registration is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Registration cancelled: %(title)s") % {
            "title": registration.event.title}
        _send(_message(registration, subject, "events/emails/cancelled.txt", "",
                       with_tickets=False))


def send_to_all(event, subject: str, body: str, addresses: list[str]) -> int:
    messages = [EmailMessage(subject=subject, body=body, to=[address],
                             from_email=settings.DEFAULT_FROM_EMAIL,
                             reply_to=[event.authority.contact_email]
                             if event.authority.contact_email else None)
                for address in addresses]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0
