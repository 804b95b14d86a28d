"""Writes: events, registrations (capacity under a row lock), cancellation with move-up,
check-in (first one wins) and e-mails to all registrants. Mails go out after the commit."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Phase, Procedure

from . import mail
from .kinds import PROCEDURE_KIND, REGISTRATION_PHASE
from .models import Event, Registration, RegistrationStatus, Ticket
from .tokens import new_token_id, token_id_from


def create_event(*, authority, title: str, starts_at, ends_at, capacity: int,
                 related_procedure=None, **fields) -> Event:
    """A new event with its own procedure (kind "event") and a registration phase that runs
    from today to the day of the registration deadline."""
    if ends_at <= starts_at:
        raise ValidationError(_("The event must end after it begins."))
    with transaction.atomic():
        procedure = Procedure(authority=authority, kind=PROCEDURE_KIND, title=title)
        procedure.full_clean()
        procedure.save()
        event = Event(authority=authority, procedure=procedure, title=title,
                      starts_at=starts_at, ends_at=ends_at, capacity=capacity,
                      related_procedure=related_procedure, **fields)
        event.full_clean()
        event.save()
        today = timezone.localdate()
        last_day = timezone.localtime(event.deadline).date()
        Phase.objects.create(procedure=procedure, kind=REGISTRATION_PHASE,
                             start_date=min(today, last_day), end_date=last_day)
    return event


@dataclass
class NewRegistration:
    name: str
    email: str
    persons: int = 1
    needs_sign_language: bool = False
    accessibility_needs: str = ""


def confirmed_persons(event) -> int:
    return (event.registrations.filter(status=RegistrationStatus.CONFIRMED)
            .aggregate(n=Sum("persons"))["n"] or 0)


def _issue_tickets(registration: Registration) -> None:
    have = registration.tickets.count()
    Ticket.objects.bulk_create([
        Ticket(registration=registration, number=number, token_id=new_token_id())
        for number in range(have + 1, registration.persons + 1)])


def register(*, event: Event, new: NewRegistration, user=None, idempotency_key=None,
             base_url: str = "", now=None, notify: bool = True) -> tuple[Registration, bool]:
    """Confirm the registration if its persons fit, else put it on the waiting list.

    The event row is locked (SELECT … FOR UPDATE) while the places are counted, so parallel
    registrations are serialised and never overbook. A repeated submission (same key) returns
    the first registration."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if idempotency_key is not None:
            existing = locked.registrations.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, False
        if now >= locked.deadline:
            raise ValidationError(_("The registration deadline has passed."))
        if not 1 <= new.persons <= locked.max_persons:
            raise ValidationError(
                _("One registration is for 1 to %(max)d persons.") % {"max": locked.max_persons})
        if new.persons > locked.capacity:
            raise ValidationError(_("The event has only %(n)d places.") % {"n": locked.capacity})
        signed_in = user is not None and user.is_authenticated
        fits = confirmed_persons(locked) + new.persons <= locked.capacity
        registration = Registration(
            event=locked, account=user if signed_in else None, name=new.name.strip(),
            email=new.email.strip(), persons=new.persons,
            status=RegistrationStatus.CONFIRMED if fits else RegistrationStatus.WAITING,
            needs_sign_language=new.needs_sign_language and locked.ask_sign_language,
            accessibility_needs=(new.accessibility_needs.strip()
                                 if locked.ask_accessibility_needs else ""),
            idempotency_key=idempotency_key)
        registration.full_clean(exclude=["event", "account"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # the same key in a parallel request
            return locked.registrations.get(idempotency_key=idempotency_key), False
        if fits:
            _issue_tickets(registration)
        if notify:
            transaction.on_commit(lambda: mail.send_registration(registration.pk, base_url))
    return registration, True


def cancel(*, registration: Registration, base_url: str = "") -> list[Registration]:
    """Cancel a registration and move up waiting ones that now fit (in order of
    registration). Returns the moved-up registrations; each gets an e-mail with its tickets."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        current = Registration.objects.get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return []
        was_confirmed = current.status == RegistrationStatus.CONFIRMED
        current.status = RegistrationStatus.CANCELLED
        current.status_changed_at = timezone.now()
        current.save(update_fields=["status", "status_changed_at"])
        moved = _move_up(event) if was_confirmed else []
        transaction.on_commit(lambda: mail.send_cancelled(current.pk))
        for item in moved:
            transaction.on_commit(lambda pk=item.pk: mail.send_moved_up(pk, base_url))
    registration.status = RegistrationStatus.CANCELLED
    return moved


def _move_up(event: Event) -> list[Registration]:
    free = event.capacity - confirmed_persons(event)
    moved = []
    for waiting in event.registrations.filter(status=RegistrationStatus.WAITING).order_by(
            "created_at", "pk"):
        if free <= 0:
            break
        if waiting.persons <= free:
            waiting.status = RegistrationStatus.CONFIRMED
            waiting.status_changed_at = timezone.now()
            waiting.save(update_fields=["status", "status_changed_at"])
            _issue_tickets(waiting)
            free -= waiting.persons
            moved.append(waiting)
    return moved


@dataclass(frozen=True)
class CheckInResult:
    outcome: str  # ok | already | forged | unknown | other_event | not_confirmed
    message: str
    name: str = ""
    checked_in_at: datetime.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def as_json(self) -> dict:
        return {"outcome": self.outcome, "ok": self.ok, "message": self.message,
                "name": self.name,
                "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None}


def _clock(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def check_in(*, event: Event, token: str, user=None, now=None) -> CheckInResult:
    """Check a scanned token in. The server decides: the first check-in of a ticket wins;
    later ones learn when it was checked in."""
    token_id = token_id_from(token)
    if token_id is None:
        return CheckInResult("forged", _("Invalid ticket: the code is not a genuine ticket of "
                                         "this portal (forged or damaged)."))
    ticket = (Ticket.objects.select_related("registration__event")
              .filter(token_id=token_id).first())
    if ticket is None:
        return CheckInResult("unknown", _("Unknown ticket: it no longer exists."))
    return check_in_ticket(event=event, ticket=ticket, user=user, now=now)


def check_in_ticket(*, event: Event, ticket: Ticket, user=None, now=None) -> CheckInResult:
    registration = ticket.registration
    if registration.event_id != event.pk:
        return CheckInResult("other_event", _("This ticket is for another event: %(title)s.")
                             % {"title": registration.event.title})
    name = registration.name if registration.persons == 1 else _(
        "%(name)s (person %(number)d of %(persons)d)") % {
        "name": registration.name, "number": ticket.number, "persons": registration.persons}
    if registration.status != RegistrationStatus.CONFIRMED:
        return CheckInResult("not_confirmed", _("Not valid: the registration is %(status)s.")
                             % {"status": registration.get_status_display()}, name)
    now = now or timezone.now()
    user = user if user is not None and user.is_authenticated else None
    if Ticket.objects.filter(pk=ticket.pk, checked_in_at__isnull=True).update(
            checked_in_at=now, checked_in_by=user):
        return CheckInResult("ok", _("Checked in: %(name)s.") % {"name": name}, name, now)
    ticket.refresh_from_db(fields=["checked_in_at"])
    return CheckInResult("already", _("Already checked in at %(time)s: %(name)s.")
                         % {"time": _clock(ticket.checked_in_at), "name": name}, name,
                         ticket.checked_in_at)


def counts(event: Event) -> dict:
    registrations = event.registrations
    return {
        "registered": confirmed_persons(event),
        "checked_in": Ticket.objects.filter(registration__event=event,
                                            registration__status=RegistrationStatus.CONFIRMED,
                                            checked_in_at__isnull=False).count(),
        "waiting": registrations.filter(status=RegistrationStatus.WAITING)
        .aggregate(n=Sum("persons"))["n"] or 0,
        "capacity": event.capacity,
    }


def email_registrants(*, event: Event, subject: str, body: str,
                      statuses: list[str]) -> int:
    """One e-mail to each registration of the given statuses; returns how many were sent."""
    if not subject.strip() or not body.strip():
        raise ValidationError(_("Please write a subject and a text."))
    addresses = list(event.registrations.filter(status__in=statuses)
                     .values_list("email", flat=True).distinct())
    return mail.send_to_all(event, subject.strip(), body.strip(), addresses)
