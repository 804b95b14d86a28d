"""Self-service deletion: confirmed with the password; the account and its personal data go,
statements stay with the procedure, anonymised."""

import time
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts_citizen.models import CitizenProfile, Contribution
from planning.models import Statement
from planning.statements.forms import rendered_token

from ..factories import make_authority, make_staff
from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


def submit(client, plan):
    key = str(uuid.uuid4())
    return client.post(
        reverse("planning:statement-form", args=[plan.authority.slug, plan.uid]),
        {"idempotency_key": key, "rendered": rendered_token(key, at=time.time() - 60),
         "website": "", "text": "Bitte den Bach offen lassen.", "anonymous": "no",
         "name": "Erika Muster", "street": "Lindenweg 3", "postcode": "02826",
         "city": "Görlitz", "email": "erika@example.org", "privacy_accepted": "on",
         "location": ""})


def test_wrong_password_deletes_nothing(client, signed_in):
    url = reverse("accounts_citizen:delete")
    page = client.get(url).content.decode()
    assert 'for="id_password"' in page and 'for="id_confirm"' in page
    response = client.post(url, {"password": "falsch", "confirm": "on"})
    assert response.status_code == 400
    response = client.post(url, {"password": PASSWORD})
    assert response.status_code == 400  # not confirmed
    assert get_user_model().objects.filter(pk=signed_in.pk).exists()


@time_machine.travel(OPEN)
def test_deletion_keeps_the_statement_of_a_running_procedure_anonymised(
        client, signed_in, plan, phase, notice):
    CitizenProfile.objects.create(user=signed_in, display_name="Erika Muster", city="Görlitz")
    assert submit(client, plan).status_code == 302
    statement = Statement.objects.get()
    assert statement.name == "Erika Muster"
    response = client.post(reverse("accounts_citizen:delete"),
                           {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not client.session.get("_auth_user_id")
    assert not get_user_model().objects.filter(pk=signed_in.pk).exists()
    assert not CitizenProfile.objects.exists() and not Contribution.objects.exists()
    assert not EmailAddress.objects.filter(email="erika@example.org").exists()
    statement.refresh_from_db()
    assert statement.text == "Bitte den Bach offen lassen." and statement.reference
    assert statement.is_anonymous
    assert (statement.name, statement.street, statement.postcode, statement.city,
            statement.email, statement.fingerprint) == ("", "", "", "", "", "")
    # Signing in again is impossible.
    assert sign_in(client, "erika@example.org").status_code == 200
    assert not client.session.get("_auth_user_id")


def test_staff_cannot_delete_themselves_here(client):
    town = make_authority(name="Musterstadt", slug="musterstadt")
    staff = make_staff(town, "admin", username="verwaltung")
    client.force_login(staff)
    response = client.post(reverse("accounts_citizen:delete"), {"password": "pw", "confirm": "on"})
    assert response.status_code == 404
    assert get_user_model().objects.filter(pk=staff.pk).exists()


def test_account_without_password_confirms_by_checkbox(client):
    user = get_user_model().objects.create_user("oidc", "oidc@example.org")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    page = client.get(reverse("accounts_citizen:delete")).content.decode()
    assert 'id="id_password"' not in page
    assert client.post(reverse("accounts_citizen:delete"), {"confirm": "on"}).status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
