"""The organiser's pages in Chromium: a new event entered with the keyboard (Berlin time),
its registrations, the CSV link and the e-mail to all. axe-clean."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from participation.events.models import Event
from participation.events.services import NewRegistration, register
from portal.models import Role
from tests.factories import make_authority, make_staff, square

from .conftest import assert_accessible, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


def test_organiser_creates_event_and_writes_to_all(page):
    town = make_authority(name="Mitteldorf", slug="mitteldorf", ags="14730050",
                          jurisdiction=square(318_000, 5_690_000, 2000),
                          enabled_modules=["events"])
    make_staff(town, Role.PLANNER, username="organisatorin")
    page.goto("/accounts/login/")
    page.fill("#id_username", "organisatorin")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/**")
    page.goto("/staff/veranstaltungen/")
    page.get_by_role("link", name=re.compile("Neue Veranstaltung|New event")).click()
    assert_accessible(page)
    page.fill("#id_title", "Ortsbegehung am Mühlbach")
    page.fill("#id_starts_at", "2030-10-27T10:00")
    page.fill("#id_ends_at", "2030-10-27T12:00")
    page.fill("#id_address", "Treffpunkt Kirche")
    page.fill("#id_capacity", "25")
    page.focus("#id_capacity")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Ortsbegehung am Mühlbach")
    event = Event.objects.get()
    assert event.starts_at.isoformat() == "2030-10-27T09:00:00+00:00"  # CET after the change
    register(event=event, new=NewRegistration("Gerd Gast", "gerd@example.org", 2), notify=False)
    page.reload()
    expect(page.get_by_role("cell", name="Gerd Gast")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("E-Mail an alle|E-mail to all")).click()
    assert_accessible(page)
    page.fill("#id_subject", "Treffpunkt geändert")
    page.fill("#id_body", "Wir treffen uns am Pfarrhaus.")
    page.click("main form button[type=submit]")
    expect(page.get_by_role("status")).not_to_be_empty()
    assert [m.to for m in mail.outbox] == [["gerd@example.org"]]
