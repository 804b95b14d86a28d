"""A staff admin signs in, must set up TOTP first (code computed here from the key the page
shows), later signs in with a computed code, and administers the staff: keyboard only,
axe-clean on the sign-in, the second-factor pages and the member pages."""

import re

import pytest
from django.core import mail

from portal.models import AuditEntry, Role, StaffInvitation

from ..factories import make_authority, make_staff, totp_code
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _type_password(page, username: str) -> None:
    page.focus("#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type("pw")
    page.keyboard.press("Enter")


def test_staff_sets_up_totp_then_signs_in_with_a_code(page):
    town = make_authority(name="Musterstadt", slug="musterstadt")
    make_staff(town, Role.ADMIN, "admina", first_name="Anna", last_name="Admin")
    planner = make_staff(town, Role.PLANNER, "planerin", first_name="Petra", last_name="Planer")
    row = f"#member-{planner.memberships.get().pk}"

    page.goto("/staff/")
    page.wait_for_url("**/accounts/login/**")
    assert_accessible(page)
    _type_password(page, "admina")
    # Nothing of the staff area before the second factor: the setup comes first.
    page.wait_for_url("**/accounts/zweiter-faktor/einrichten/**")
    assert_accessible(page)
    assert page.locator("img.totp-qr").get_attribute("alt")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.focus("#id_code")
    page.keyboard.type("000000" if totp_code(secret) != "000000" else "111111")
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")
    assert_accessible(page)
    page.fill("#id_code", "")
    page.focus("#id_code")
    page.keyboard.type(totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/zweiter-faktor/wiederherstellungscodes/**")
    assert page.locator("#recovery-codes li").count() == 10
    assert_accessible(page)
    page.focus("#continue-link")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/$"))

    # Members: invite a planner by keyboard, see the pending invitation.
    page.goto(f"/staff/authorities/{town.pk}/")
    page.focus("#manage-members-link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/authorities/{town.pk}/mitglieder/")
    assert_accessible(page)
    page.focus("#id_email")
    page.keyboard.type("neu@example.org")
    page.keyboard.press("Enter")  # the role keeps its preset "Planner"
    page.wait_for_selector("#pending-invitations")
    assert page.locator("#pending-invitations").get_by_role(
        "cell", name="neu@example.org", exact=True).count() == 1
    assert StaffInvitation.objects.get().role == Role.PLANNER
    assert mail.outbox[-1].to == ["neu@example.org"]
    assert_accessible(page)
    # Change the planner's role by keyboard; it is in the audit log.
    page.focus(f"{row} select")
    page.keyboard.press("ArrowDown")  # Planner -> Moderator
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message--success")
    page.focus("#audit-log-link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/protokoll/")
    assert page.locator(".audit-entry").count() == 2
    assert_accessible(page)
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "invitation_sent", "role_changed"}

    # Sign out, sign in again: now the code is asked for.
    page.locator("form[action='/accounts/logout/'] button").first.click()
    page.goto("/accounts/login/")
    _type_password(page, "admina")
    page.wait_for_url("**/accounts/zweiter-faktor/?**")
    assert_accessible(page)
    page.focus("#id_code")
    page.keyboard.type(totp_code(secret))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/$"))
    assert page.locator("h1").count() == 1
