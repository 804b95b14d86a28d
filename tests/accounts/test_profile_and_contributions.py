"""Profile and notifications; statements made signed in are linked, listed with their receipt
reference and status, and prefilled from the profile."""

import time
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts_citizen.contributions.registry import ContributionRow, registered
from accounts_citizen.models import CitizenProfile, Contribution
from planning.models import Statement
from planning.statements.forms import rendered_token

from ..factories import make_authority

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


def form_url(plan):
    return reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])


def statement_payload(**overrides):
    key = str(uuid.uuid4())
    data = {
        "idempotency_key": key, "rendered": rendered_token(key, at=time.time() - 60),
        "website": "", "text": "Bitte den Bach offen lassen.", "anonymous": "no",
        "name": "Erika Muster", "street": "Lindenweg 3", "postcode": "02826",
        "city": "Görlitz", "email": "erika@example.org", "privacy_accepted": "on",
        "location": "",
    }
    data.update(overrides)
    return data


def test_profile_is_saved_and_refuses_control_characters(client, signed_in):
    url = reverse("accounts_citizen:profile")
    page = client.get(url)
    assert page.status_code == 200
    assert 'for="id_display_name"' in page.content.decode()
    bad = client.post(url, {"display_name": "Erika\r\nBcc: x@example.org"})
    assert bad.status_code == 400
    ok = client.post(url, {"display_name": "Erika Muster", "street": "Lindenweg 3",
                           "postcode": "02826", "city": "Görlitz"})
    assert ok.status_code == 302
    profile = CitizenProfile.objects.get(user=signed_in)
    assert (profile.display_name, profile.city) == ("Erika Muster", "Görlitz")


def test_notification_settings(client, signed_in):
    town = make_authority(name="Musterstadt", slug="musterstadt")
    url = reverse("accounts_citizen:notifications")
    page = client.get(url).content.decode()
    assert "Musterstadt" in page and "<legend>" in page
    client.post(url, {"notify_new_procedures": [town.pk]})
    profile = CitizenProfile.objects.get(user=signed_in)
    assert not profile.notify_status_changes
    assert list(profile.notify_new_procedures.all()) == [town]
    from accounts_citizen.selectors import citizens_following

    assert [p.user for p in citizens_following(town)] == [signed_in]


def test_citizen_pages_need_a_signed_in_citizen(client):
    response = client.get(reverse("accounts_citizen:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@time_machine.travel(OPEN)
def test_statement_signed_in_is_listed_with_reference_status_and_receipt(
        client, signed_in, plan, phase, notice):
    CitizenProfile.objects.create(user=signed_in, display_name="Erika Muster",
                                  street="Lindenweg 3", postcode="02826", city="Görlitz")
    form = client.get(form_url(plan)).content.decode()
    assert 'value="Lindenweg 3"' in form and 'value="erika@example.org"' in form
    assert client.post(form_url(plan), statement_payload()).status_code == 302
    statement = Statement.objects.get()
    assert Contribution.objects.filter(user=signed_in, object_uid=statement.uid).exists()
    page = client.get(reverse("accounts_citizen:contributions")).content.decode()
    assert statement.reference in page and plan.name in page
    receipt_url = reverse("accounts_citizen:statement-receipt", args=[statement.uid])
    assert receipt_url in page
    # Also after signing in anew (a fresh session), the receipt is there; for no one else.
    client.post(reverse("account_logout"))
    other = Client()
    other.post(reverse("account_login"), {"login": signed_in.email,
                                          "password": "Bauleitplan-2026!"})
    pdf = other.get(receipt_url)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert Client().get(receipt_url).status_code == 302  # to the sign-in
    stranger = Client()
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("fremd", "fremd@example.org", "x")
    stranger.force_login(get_user_model().objects.get(username="fremd"))
    assert stranger.get(receipt_url).status_code == 404


@time_machine.travel(OPEN)
def test_statement_as_a_guest_is_not_linked(client, plan, phase, notice):
    assert client.post(form_url(plan), statement_payload()).status_code == 302
    assert Statement.objects.count() == 1 and not Contribution.objects.exists()


def test_other_modules_add_their_contributions_through_the_registry(client, signed_in):
    uid = uuid.uuid4()
    Contribution.objects.create(user=signed_in, kind="survey-answer", object_uid=uid)

    class SurveyAnswers:
        key = "survey-answer"
        label = "Umfrageantwort"

        def rows(self, uids):
            return [ContributionRow(uid=u, kind_label=self.label, title="Radwege-Umfrage",
                                    reference="", status="abgeschlossen",
                                    submitted_at=OPEN) for u in uids]

        def forget_person(self, uids):
            pass

    with registered(SurveyAnswers()):
        page = client.get(reverse("accounts_citizen:contributions")).content.decode()
    assert "Radwege-Umfrage" in page and "Umfrageantwort" in page
    page = client.get(reverse("accounts_citizen:contributions")).content.decode()
    assert "Radwege-Umfrage" not in page
