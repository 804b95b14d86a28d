"""A staff session reaches nothing before its second factor; citizens are not asked."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from ..factories import TEST_TOTP_SECRET, add_totp, make_user, totp_code
from .conftest import password_login, sign_in_with_code

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]

STAFF_PAGES = ["/staff/", "/staff/plaene/", "/staff/stellungnahmen/", "/staff/abwaegung/",
               "/staff/meldungen/", "/staff/umfragen/", "/staff/dialoge/", "/staff/wege/",
               "/staff/datenschutz/", "/admin/"]


def _path(response) -> str:
    return urlsplit(response["Location"]).path


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_without_totp_are_sent_to_the_setup_before_any_staff_page(client, planner, page):
    assert password_login(client, "planerin").status_code == 302
    response = client.get(page)
    assert response.status_code == 302
    assert _path(response) == reverse("staff_account:second-factor-setup")
    assert f"next={page.replace('/', '%2F')}" in response["Location"]


def test_public_pages_and_posts_wait_for_the_second_factor_too(client, planner, town):
    password_login(client, "planerin")
    assert _path(client.get(f"/{town.slug}/")) == reverse("staff_account:second-factor-setup")
    response = client.post(f"/staff/authorities/{town.pk}/settings/", {"colour": "#000000"})
    assert _path(response) == reverse("staff_account:second-factor-setup")
    # allauth's citizens' pages are closed to staff accounts.
    assert client.get("/konto/email/").status_code == 404


def test_setup_with_a_computed_code_then_the_staff_area(client, planner):
    password_login(client, "planerin")
    page = client.get(reverse("staff_account:second-factor-setup") + "?next=/staff/plaene/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    secret = html.split('data-secret="')[1].split('"')[0]
    wrong = client.post(reverse("staff_account:second-factor-setup"),
                        {"code": "000000" if totp_code(secret) != "000000" else "111111",
                         "next": "/staff/plaene/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 200
    assert "This code is not correct" in wrong.content.decode()
    assert not Authenticator.objects.filter(user=planner).exists()
    done = client.post(reverse("staff_account:second-factor-setup"),
                       {"code": totp_code(secret), "next": "/staff/plaene/"})
    assert _path(done) == reverse("staff_account:recovery-codes")
    codes = client.get(done["Location"])
    assert codes.status_code == 200 and "/staff/plaene/" in codes.content.decode()
    assert set(Authenticator.objects.filter(user=planner).values_list("type", flat=True)) == {
        "totp", "recovery_codes"}
    assert client.get("/staff/plaene/").status_code == 200


def test_sign_in_asks_for_the_code(client, planner):
    add_totp(planner)
    password_login(client, "planerin", next_url="/staff/plaene/")
    response = client.get("/staff/plaene/")
    assert _path(response) == reverse("staff_account:second-factor")
    bad = client.post(reverse("staff_account:second-factor"), {"code": "12345x"},
                      HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 200 and "This code is not correct" in bad.content.decode()
    assert client.get("/staff/").status_code == 302
    good = client.post(reverse("staff_account:second-factor"),
                       {"code": totp_code(TEST_TOTP_SECRET), "next": "/staff/plaene/"})
    assert good.status_code == 302 and good["Location"] == "/staff/plaene/"
    assert client.get("/staff/plaene/").status_code == 200


def test_a_code_works_once(client, planner):
    add_totp(planner)
    with time_machine.travel("2027-03-01 10:00:05+00:00", tick=False):
        assert sign_in_with_code(client, planner, TEST_TOTP_SECRET)["Location"] == "/staff/"
        client.post(reverse("logout"))
        again = sign_in_with_code(client, planner, TEST_TOTP_SECRET)
        assert again.status_code == 200  # refused: the same code again
        assert client.get("/staff/").status_code == 302


def test_recovery_code_instead_of_the_app_once(client, planner):
    add_totp(planner)
    code = RecoveryCodes.activate(planner).generate_codes()[0]
    password_login(client, "planerin")
    response = client.post(reverse("staff_account:second-factor"), {"code": code})
    assert response.status_code == 302 and client.get("/staff/").status_code == 200
    client.post(reverse("logout"))
    password_login(client, "planerin")
    assert client.post(reverse("staff_account:second-factor"), {"code": code}).status_code == 200


def test_too_many_wrong_codes_end_the_session(client, planner, settings):
    add_totp(planner)
    password_login(client, "planerin")
    wrong = "000000" if totp_code(TEST_TOTP_SECRET) != "000000" else "111111"
    for _ in range(settings.PORTAL_STAFF_CODE_ATTEMPTS):
        assert client.post(reverse("staff_account:second-factor"),
                           {"code": wrong}).status_code == 200
    response = client.post(reverse("staff_account:second-factor"),
                           {"code": totp_code(TEST_TOTP_SECRET)})
    assert _path(response) == reverse("login")
    assert "_auth_user_id" not in client.session


def test_idle_staff_sessions_end(client, planner, settings):
    add_totp(planner)
    with time_machine.travel("2027-03-01 10:00:00+00:00", tick=False) as clock:
        sign_in_with_code(client, planner, TEST_TOTP_SECRET)
        clock.shift(timedelta(minutes=settings.PORTAL_STAFF_IDLE_MINUTES - 1))
        assert client.get("/staff/").status_code == 200
        clock.shift(timedelta(minutes=settings.PORTAL_STAFF_IDLE_MINUTES - 1))
        assert client.get("/staff/").status_code == 200  # activity renewed the session
        clock.shift(timedelta(minutes=settings.PORTAL_STAFF_IDLE_MINUTES + 1))
        response = client.get("/staff/plaene/", HTTP_ACCEPT_LANGUAGE="en")
        assert _path(response) == reverse("login")
        assert "next=%2Fstaff%2Fplaene%2F" in response["Location"]
        assert "_auth_user_id" not in client.session
        page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "signed out after" in page


def test_citizens_are_not_asked_for_a_second_factor(client):
    citizen = make_user("buergerin")
    client.force_login(citizen)
    assert client.get("/konto/").status_code == 200
    assert client.get("/").status_code == 200


def test_a_verified_session_of_another_user_does_not_pass(client, planner, admin):
    add_totp(planner)
    sign_in_with_code(client, planner, TEST_TOTP_SECRET)
    session = client.session
    session["_auth_user_id"] = str(admin.pk)
    session.save()
    assert client.get("/staff/").status_code == 302


def test_force_login_in_other_tests_passes_the_second_factor(planner):
    """The shortcut of tests/conftest.py, which this module switches off, does what it says."""
    from django.test import Client

    from ..factories import pass_second_factor

    client = Client()
    client.force_login(planner)
    assert client.get("/staff/").status_code == 302
    pass_second_factor(client, planner)
    assert client.get("/staff/").status_code == 200
