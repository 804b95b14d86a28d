"""The database can go away after the view has stored a statement, while the session that
remembers the receipt is saved. That answer is still a 503 with Retry-After, not a 500: the
retry with the same idempotency key returns the receipt of the statement already stored
(seen once as a 500 in the database-outage burst of tests/adversarial)."""

import time
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.urls import reverse

from planning.models import Statement
from planning.statements.forms import rendered_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def during_the_phase():
    with time_machine.travel(datetime(2026, 10, 1, 10, 0, tzinfo=UTC)):
        yield


def test_session_lost_after_the_statement_answers_503_and_the_retry_gets_the_receipt(
        client, plan, phase, notice, monkeypatch):
    key = str(uuid.uuid4())
    data = {"idempotency_key": key, "rendered": rendered_token(key, at=time.time() - 60),
            "website": "", "text": "Bitte den Bach offen lassen.", "anonymous": "yes",
            "email": "", "privacy_accepted": "on", "location": ""}
    url = reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])
    real_save = SessionStore.save

    def connection_gone(self, must_create=False):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "save", connection_gone)
    client.raise_request_exception = False
    lost = client.post(url, data, HTTP_ACCEPT_LANGUAGE="de")
    assert lost.status_code == 503 and lost["Retry-After"] == "5"
    assert "Datenbank" in lost.content.decode()
    assert Statement.objects.filter(idempotency_key=key).count() == 1

    monkeypatch.setattr(SessionStore, "save", real_save)
    retry = client.post(url, data)
    assert retry.status_code == 302
    assert str(Statement.objects.get(idempotency_key=key).uid) in retry["Location"]
    assert Statement.objects.filter(idempotency_key=key).count() == 1
