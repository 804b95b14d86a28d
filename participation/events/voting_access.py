"""Live voting restricted to checked-in ticket holders (PORTAL_LIVE_VOTING_CHECK_IN, see
participation/livevoting/checkin.py and docs/events.md).

A ticket holder opens their ticket page on the phone they vote with and presses "Use this
ticket for live voting": the ticket's signed token goes into an HttpOnly cookie of that phone.
`may_vote` then lets the phone vote in a session of the same authority when that token is
genuine, its registration confirmed and the ticket checked in at the door – and, when the
session names the event's page (`event_url`), the ticket is for that event. The live vote's
own device token still counts one vote per phone and question."""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from .models import RegistrationStatus, Ticket
from .tokens import token_id_from

TICKET_COOKIE = "portal_event_ticket"
COOKIE_MAX_AGE = 24 * 3600  # seconds: a day, the length of a meeting with margin


def _event_uid_of(url: str) -> str | None:
    """The event a session's `event_url` names (an events:detail address), else None."""
    if not url:
        return None
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return str(match.kwargs.get("event_uid")) if match.view_name == "events:detail" else None


def checked_in_ticket(token: str):
    token_id = token_id_from(token)
    if token_id is None:
        return None
    return (Ticket.objects.select_related("registration__event")
            .filter(token_id=token_id, checked_in_at__isnull=False,
                    registration__status=RegistrationStatus.CONFIRMED).first())


def may_vote(request, session) -> bool:
    ticket = checked_in_ticket(request.COOKIES.get(TICKET_COOKIE, ""))
    if ticket is None:
        return False
    event = ticket.registration.event
    if event.authority_id != session.authority_id:
        return False
    wanted = _event_uid_of(session.event_url)
    return wanted is None or wanted == str(event.uid)
