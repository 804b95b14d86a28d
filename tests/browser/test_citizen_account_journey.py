"""A citizen signs up in real Chromium, confirms the address from the mail, signs in with the
keyboard alone, submits a statement and finds it under "Meine Beiträge"; every page is
axe-clean and CSP-clean."""

import re

import pytest
from django.core import mail

from fixtures.demo import load_demo_data

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Bauleitplan-2026!"


def confirmation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/konto/[^\s]+)", message.body).group(1)


def test_sign_up_confirm_sign_in_submit_and_find_the_statement(page):
    demo = load_demo_data()
    plan = next(p for p in demo["plans"] if p.number == "MS-12")
    page.goto("/konto/signup/")
    assert_accessible(page)
    page.fill("#id_email", "erika@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator("#id_password2").press("Enter")
    page.wait_for_url("**/konto/confirm-email/")
    assert_accessible(page)
    page.goto(confirmation_path(mail.outbox[-1]))
    assert_accessible(page)
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url("**/konto/login/")
    assert_accessible(page)
    # Keyboard only: the fields are reached with Tab from the e-mail field.
    page.focus("#id_login")
    page.keyboard.type("erika@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/konto/")
    assert_accessible(page)
    page.goto("/konto/profil/")
    page.fill("#id_display_name", "Erika Muster")
    page.fill("#id_city", "Musterstadt")
    page.locator("#id_city").press("Enter")
    page.wait_for_url("**/konto/profil/")
    assert_accessible(page)
    page.goto(plan.get_absolute_url())
    page.click("text=Stellungnahme abgeben")
    assert page.locator("#id_name").input_value() == "Erika Muster"
    page.fill("#id_text", "Bitte den Uferstreifen am Mühlbach freihalten.")
    page.check("#id_privacy_accepted")
    page.wait_for_timeout(3100)  # the form's time trap: people do not submit within 3 s
    page.click("button.primary")
    page.wait_for_selector(".reference")
    page.goto("/konto/")
    assert page.locator("table").get_by_text(plan.name).count() == 1
    assert_accessible(page)
    for path in ("/konto/benachrichtigungen/", "/konto/loeschen/", "/konto/email/"):
        page.goto(path)
        assert_accessible(page)
