"""Sign-up with a confirmed e-mail address, sign-in by e-mail, sign-out; staff unaffected."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from ..factories import make_authority, make_staff
from .conftest import PASSWORD, mail_link, sign_in, sign_up

pytestmark = pytest.mark.django_db


def test_pages_are_german_labelled_and_in_the_portal_layout(client):
    for name in ("account_signup", "account_login", "account_reset_password"):
        page = client.get(reverse(name))
        html = page.content.decode()
        assert page.status_code == 200
        assert 'class="site-header"' in html and '<html lang="de">' in html
        assert 'for="id_email"' in html or 'for="id_login"' in html
        assert "<script>" not in html and "style=" not in html
    signup = client.get(reverse("account_signup")).content.decode()
    assert "Registrieren" in signup and 'for="id_password1"' in signup
    # allauth's "du" is "Sie" here (locale/formal).
    assert "Sie haben bereits ein Konto?" in signup
    assert "Sie haben noch kein Konto?" in client.get(reverse("account_login")).content.decode()


def test_sign_up_needs_the_confirmed_address_before_signing_in(client):
    response = sign_up(client, "Max@Example.org")
    assert response.status_code == 302
    assert not client.session.get("_auth_user_id")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["max@example.org"]
    assert "Beteiligungsportal" in mail.outbox[0].body  # PORTAL_NAME, not the host name
    link = mail_link(mail.outbox[0])
    # Not confirmed yet: signing in does not sign in (and sends no second mail at once).
    sign_in(client, "max@example.org")
    assert not client.session.get("_auth_user_id")
    assert client.get(link).status_code == 200
    confirmed = client.post(link)
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("account_login")
    response = sign_in(client, "max@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts_citizen:contributions")
    assert client.session.get("_auth_user_id")
    page = client.get(reverse("accounts_citizen:contributions")).content.decode()
    assert reverse("accounts_citizen:profile") in page  # the account navigation
    client.post(reverse("account_logout"))
    assert not client.session.get("_auth_user_id")


def test_wrong_password_is_refused_in_german(client, citizen):
    response = sign_in(client, citizen.email, "falsch-falsch-falsch")
    assert response.status_code == 200
    assert "nicht korrekt" in response.content.decode() or "falsch" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_sign_up_with_a_registered_address_reveals_nothing(client, citizen):
    fresh = sign_up(client, "neu@example.org")
    mail.outbox.clear()
    cache.clear()  # later than the cooldown of mails to one address (ACCOUNT_RATE_LIMITS)
    again = sign_up(client, citizen.email, "Anderes-Passwort-77")
    assert again.status_code == fresh.status_code == 302
    assert again["Location"] == fresh["Location"]
    # The owner of the address is told by e-mail; no second account.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [citizen.email]
    assert get_user_model().objects.filter(email__iexact=citizen.email).count() == 1


def test_staff_keep_their_login_and_cannot_use_the_citizen_login(client):
    town = make_authority(name="Musterstadt", slug="musterstadt")
    staff = make_staff(town, "planner", username="planerin")  # planerin@example.org
    staff.set_password(PASSWORD)
    staff.save()
    response = client.post(reverse("login"), {"username": "planerin", "password": PASSWORD})
    assert response.status_code == 302 and client.session.get("_auth_user_id")
    assert client.get(reverse("accounts_citizen:profile")).status_code == 404
    client.post(reverse("logout"))
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    response = sign_in(client, "planerin@example.org")
    assert not client.session.get("_auth_user_id")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_header_offers_my_account_to_citizens(client, citizen):
    home = client.get(reverse("home")).content.decode()
    assert reverse("account_login") in home
    sign_in(client, citizen.email)
    home = client.get(reverse("home")).content.decode()
    assert reverse("accounts_citizen:contributions") in home
    assert reverse("portal:staff-home") not in home
