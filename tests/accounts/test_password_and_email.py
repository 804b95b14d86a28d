"""Password reset that reveals nothing, e-mail change confirmed by the new address, limits."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD, mail_link, sign_in

pytestmark = pytest.mark.django_db


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, citizen):
    known = client.post(reverse("account_reset_password"), {"email": citizen.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    to_citizen = [m for m in mail.outbox if m.to == [citizen.email]]
    assert len(to_citizen) == 1
    # The link sets a new password; the old one stops working.
    link = mail_link(to_citizen[0])
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "Neues-Passwort-2027!"
    done = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                       {"password1": new, "password2": new})
    assert done.status_code == 302
    assert sign_in(client, citizen.email, PASSWORD).status_code == 200
    assert sign_in(client, citizen.email, new).status_code == 302


def test_password_reset_is_limited_per_address(client, citizen):
    answers = [client.post(reverse("account_reset_password"), {"email": citizen.email})
               for _ in range(5)]
    assert answers[0].status_code == 302
    assert answers[-1].status_code == 429
    assert len([m for m in mail.outbox if m.to == [citizen.email]]) <= 3


def test_email_change_needs_the_password_and_the_new_address_confirmed(client, citizen):
    sign_in(client, citizen.email)
    page = client.get(reverse("account_email"))
    assert page.status_code == 200
    response = client.post(reverse("account_email"),
                           {"action_add": "", "email": "erika.neu@example.org"}, follow=True)
    # Asked for the password first (ACCOUNT_REAUTHENTICATION_REQUIRED).
    assert response.redirect_chain and reverse("account_reauthenticate") in \
        response.redirect_chain[0][0]
    client.post(response.redirect_chain[-1][0], {"password": PASSWORD})
    new = EmailAddress.objects.get(email="erika.neu@example.org")
    assert not new.verified
    confirmation = [m for m in mail.outbox if m.to == ["erika.neu@example.org"]][-1]
    client.post(mail_link(confirmation))
    citizen.refresh_from_db()
    assert citizen.email == "erika.neu@example.org"
    assert not EmailAddress.objects.filter(email=citizen.email, verified=False).exists()
    assert not EmailAddress.objects.filter(user=citizen, email="erika@example.org").exists()


def test_wrong_passwords_lock_the_address_from_this_connection(client, citizen):
    answers = [sign_in(client, citizen.email, f"falsch-{n}") for n in range(7)]
    assert answers[0].status_code == 200
    locked = [a for a in answers if a.status_code == 429]
    assert locked
    # The lockout page sends citizens to the password reset (staff: to their administrator).
    assert reverse("account_reset_password") in locked[0].content.decode()
    # Locked (django-axes, then allauth's own counter): the right password does not help now.
    assert sign_in(client, citizen.email).status_code in (200, 429)
    assert not client.session.get("_auth_user_id")


def test_sign_up_is_limited_per_client(client):
    answers = [client.post(reverse("account_signup"), {
        "email": f"spam{n}@example.org", "password1": PASSWORD, "password2": PASSWORD,
    }).status_code for n in range(12)]
    assert answers[0] == 302 and answers[-1] == 429
