"""Events and live voting in the DSGVO assistant: the generated notice of an event names the
registration data and warns of health data in the needs; a live vote's notice says it takes
no personal data; registrations are anonymised after the event's retention, counts stay."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dataprotection.notice import Scope, generate
from participation.events.models import Registration
from participation.events.services import NewRegistration, register

from ..events.conftest import build_event
from ..livevoting.world import make_session
from .test_retention import run

pytestmark = pytest.mark.django_db


def test_event_and_live_vote_notices(town):
    event = build_event(town)
    text = generate(Scope.of_procedure(event.procedure), language="en")
    assert "sign-language interpreter" in text and "Art. 9" in text
    assert "Art. 6(1)(a)" in text or "6 (1) (a)" in text or "consent" in text.lower()
    session = make_session(town)
    vote_text = generate(Scope.of_procedure(session.procedure), language="en")
    assert "device code" in vote_text


def test_registrations_are_anonymised_after_the_event(town):
    event = build_event(town, days=2)
    for name in ("Erika Muster", "Max Muster"):
        register(event=event, new=NewRegistration(name=name, email=f"{name.split()[0]}@example.org",
                                                  accessibility_needs="Rollstuhl"),
                 notify=False)
    upcoming = build_event(town, title="Später", days=400)
    register(event=upcoming, new=NewRegistration(name="Anna", email="anna@example.org"),
             notify=False)
    with time_machine.travel(timezone.now() + timedelta(days=30), tick=False):
        early = run("--dry-run")["authorities"][town.slug]
    assert early["event_registrations"] == 0
    with time_machine.travel(timezone.now() + timedelta(days=120), tick=False):
        dry = run("--dry-run")["authorities"][town.slug]
        done = run()["authorities"][town.slug]
        again = run()["authorities"][town.slug]
    assert (dry["event_registrations"], done["event_registrations"],
            again["event_registrations"]) == (2, 2, 0)
    kept = Registration.objects.filter(event=event)
    assert kept.count() == 2 and set(kept.values_list("name", "email", "accessibility_needs")) \
        == {("", "", "")}
    assert sum(kept.values_list("persons", flat=True)) == 2
    assert Registration.objects.get(event=upcoming).name == "Anna"
