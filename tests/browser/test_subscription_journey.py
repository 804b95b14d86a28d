"""Subscribing in a browser without the map: e-mail, a municipality, confirm by the link, and
unsubscribe by the link; every page axe-clean under the enforced CSP."""

import re

import pytest
from django.core import mail

from participation.subscriptions.models import Subscription

from ..factories import make_authority, make_plan, square
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
LINK = re.compile(r"https?://[^/\s]+(/benachrichtigungen/(?:bestaetigen|abmelden)/[A-Za-z0-9_-]{43}/)")


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}


def test_subscribe_confirm_unsubscribe(page, live_server):
    authority = make_authority(name="Gemeinde Abodorf", slug="abodorf",
                               jurisdiction=square(800_000, 5_650_000, 5000))
    make_plan(authority, name="B-Plan Am Teich", area=square(801_000, 5_651_000, 500))

    page.goto("/abodorf/")
    page.get_by_role("link", name="Neuigkeiten per E-Mail").click()
    assert page.locator("h1").inner_text() == "Neuigkeiten zur Planung abonnieren"
    assert page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute(
        "href") == "/abodorf/aktuelles.atom"
    assert_accessible(page)
    page.get_by_label("Ihre E-Mail-Adresse").fill("erika@example.org")
    assert page.get_by_label("Eine ganze Gemeinde").is_checked()  # preselected from the link
    assert page.get_by_label("Gemeinde:").input_value() == "abodorf"
    page.get_by_role("button", name="Abonnieren").click()
    assert page.locator("h1").inner_text() == "Bitte sehen Sie in Ihr E-Mail-Postfach"
    assert_accessible(page)

    [confirm_path, unsubscribe_path] = LINK.findall(mail.outbox[0].body)
    page.goto(confirm_path)
    assert_accessible(page)
    page.get_by_role("button", name="Abonnement bestätigen").click()
    assert page.locator("h1").inner_text() == "Abonnement bestätigt"
    assert Subscription.objects.get().confirmed_at is not None

    page.goto(unsubscribe_path)
    assert_accessible(page)
    page.get_by_role("button", name="Abbestellen").click()
    assert page.locator("h1").inner_text() == "Abbestellt"
    assert_accessible(page)
    assert not Subscription.objects.exists()
