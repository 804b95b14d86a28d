"""Moderated public display without personal data; co-signing once per e-mail."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from planning.models import CoSignature, ModerationState, StatementSettings
from planning.services.statements import Identity, Submission, create_statement

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def statements(plan, phase, notice):
    StatementSettings.objects.create(phase=phase, display_publicly=True, allow_cosigning=True)
    with time_machine.travel(OPEN):
        approved, _ = create_statement(plan=plan, phase=phase, privacy_notice=notice, submission=Submission(
            text="Der Uferweg muss bleiben.", identity=Identity(
                name="Erika Mustermann", street="Geheimweg 7", postcode="01067", city="Dresden",
                email="erika@example.org")))
        pending, _ = create_statement(plan=plan, phase=phase, privacy_notice=notice,
                                      submission=Submission(text="Noch ungeprüft."))
    approved.moderation = ModerationState.APPROVED
    approved.save()
    return approved, pending


def list_url(plan):
    return reverse("planning:public-statements", args=[plan.authority.slug, plan.uid])


@time_machine.travel(OPEN)
def test_only_approved_statements_without_personal_data(client, plan, statements):
    html = client.get(list_url(plan)).content.decode()
    assert "Der Uferweg muss bleiben." in html and "Noch ungeprüft." not in html
    for secret in ("Erika", "Mustermann", "Geheimweg", "erika@example.org", "01067"):
        assert secret not in html


@time_machine.travel(OPEN)
def test_cosign_once_per_email(client, plan, statements):
    approved, pending = statements
    url = reverse("planning:cosign", args=[plan.authority.slug, plan.uid, approved.uid])
    data = {"name": "Max Muster", "email": "Max@Example.org", "postcode": "01069", "website": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "email": "max@example.org"}).status_code == 302
    assert CoSignature.objects.filter(statement=approved).count() == 1
    pending_url = reverse("planning:cosign", args=[plan.authority.slug, plan.uid, pending.uid])
    assert client.post(pending_url, data).status_code == 404
    assert client.post(url, {**data, "website": "spam"}).status_code == 400


def test_cosign_after_the_period_is_refused(client, plan, statements):
    approved, _ = statements
    url = reverse("planning:cosign", args=[plan.authority.slug, plan.uid, approved.uid])
    with time_machine.travel(datetime(2026, 11, 2, tzinfo=UTC)):
        response = client.post(url, {"name": "Spät", "email": "spaet@example.org", "website": ""})
    assert response.status_code == 400
    assert CoSignature.objects.count() == 0
