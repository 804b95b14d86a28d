"""Registration over HTTP: confirmation e-mail with .ics and PDF, waiting list, move-up on
cancellation by the signed link, deadline, limits, tenancy and the module switch."""

import datetime
import uuid

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from participation.events.models import Registration, RegistrationStatus, Ticket
from participation.events.services import NewRegistration, register
from participation.events.tokens import registration_key

pytestmark = pytest.mark.django_db


def _post(client, event, **data):
    body = {"name": "Gerd Gast", "email": "gerd@example.org", "persons": "1",
            "idempotency_key": str(uuid.uuid4())}
    body.update(data)
    return client.post(event.get_absolute_url(), body)


def test_register_sends_ics_and_pdf_ticket(client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, event, persons="2", needs_sign_language="on",
                         accessibility_needs="Rollstuhlplatz")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.needs_sign_language and registration.accessibility_needs
    assert registration.tickets.count() == 2
    [message] = mail.outbox
    assert message.to == ["gerd@example.org"]
    names = {name: (content, kind) for name, content, kind in message.attachments}
    assert names["ticket.pdf"][0][:5] == b"%PDF-"
    calendar = Calendar.from_ical(names["veranstaltung.ics"][0])
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == event.title
    assert vevent.decoded("dtstart") == event.starts_at
    key = registration_key(registration)
    assert f"/mitteldorf/veranstaltungen/anmeldung/{key}/abmelden/" in message.body
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Gerd Gast" in page.content.decode()


def test_full_event_puts_on_waiting_list_and_cancel_moves_up(
        client, town, django_capture_on_commit_callbacks):
    from .conftest import build_event

    event = build_event(town, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, event, persons="2", email="first@example.org")
        _post(client, event, persons="1", email="second@example.org")
    first = Registration.objects.get(email="first@example.org")
    second = Registration.objects.get(email="second@example.org")
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITING
    assert not second.tickets.exists()
    assert "ticket.pdf" not in [a[0] for a in mail.outbox[1].attachments]
    mail.outbox.clear()
    cancel_url = f"/mitteldorf/veranstaltungen/anmeldung/{registration_key(first)}/abmelden/"
    assert client.get(cancel_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel_url).status_code == 400  # without the confirm button
        assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.CONFIRMED
        assert client.post(cancel_url, {"confirm": "yes"}).status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.CONFIRMED
    assert second.tickets.count() == 1
    moved = [m for m in mail.outbox if m.to == ["second@example.org"]]
    assert len(moved) == 1 and "ticket.pdf" in [a[0] for a in moved[0].attachments]


def test_forged_cancel_link_is_404(client, event):
    registration, _ = register(event=event, new=NewRegistration("A", "a@example.org"))
    key = registration_key(registration)
    assert client.get(f"/mitteldorf/veranstaltungen/anmeldung/{key}x/abmelden/"
                      ).status_code == 404
    assert client.get(f"/mitteldorf/veranstaltungen/anmeldung/{registration.uid.hex}/"
                      ).status_code == 404


def test_deadline_and_limits_refused_with_clear_errors(client, town):
    from .conftest import build_event

    event = build_event(town, max_persons=2)
    response = _post(client, event, persons="3")
    assert response.status_code == 400
    assert response.context["form"].errors["persons"]
    response = _post(client, event, email="kein-mail")
    assert response.status_code == 400 and response.context["form"].errors["email"]
    event.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    response = _post(client, event)
    assert response.status_code == 400
    assert "deadline" in str(response.context["form"].non_field_errors()) or \
        "Anmeldeschluss" in str(response.context["form"].non_field_errors())
    assert not Registration.objects.exists()


def test_repeated_submission_registers_once(client, event):
    key = str(uuid.uuid4())
    _post(client, event, idempotency_key=key)
    _post(client, event, idempotency_key=key)
    assert Registration.objects.count() == 1
    assert Ticket.objects.count() == 1


def test_signed_in_citizen_sees_registration_under_my_contributions(client, event, citizen):
    client.force_login(citizen)
    _post(client, event, email="buergerin@example.org", name="Erika Muster")
    registration = Registration.objects.get()
    assert registration.account == citizen
    page = client.get("/konto/")
    assert page.status_code == 200
    assert event.title in page.content.decode()


def test_module_off_is_404(client, event, town):
    town.enabled_modules = []
    town.save()
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get("/mitteldorf/veranstaltungen/").status_code == 404
    assert client.get("/mitteldorf/veranstaltungen/kalender.ics").status_code == 404


def test_calendar_feed_lists_the_authority_events(client, event, stranger):
    response = client.get("/mitteldorf/veranstaltungen/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    titles = [str(item["summary"]) for item in calendar.walk("VEVENT")]
    assert titles == [event.title]


def test_event_has_its_own_procedure(event):
    assert event.procedure.kind == "event"
    assert event.procedure.title == event.title
    assert event.get_absolute_url() == f"/mitteldorf/veranstaltungen/{event.uid}/"
    assert event.procedure.phases.get().kind == "event_registration"
