"""A database that is gone answers 503 with Retry-After (a page in the user's language, or JSON
for the API), never a 500: the request was not acknowledged and may be sent again."""

import pytest
from django.db import InterfaceError, OperationalError

from planning import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[OperationalError, InterfaceError])
def database_gone(request, monkeypatch):
    def gone(*args, **kwargs):
        raise request.param("the connection is closed")

    monkeypatch.setattr(selectors, "published_plans", gone)


def test_pages_answer_503_with_retry_after_in_german_and_english(client, database_gone):
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert german.status_code == 503 and german["Retry-After"] == "5"
    assert "no-store" in german["Cache-Control"]
    assert "Datenbank" in german.content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 503 and "database" in english.content.decode()


def test_the_api_answers_503_as_json(client, database_gone):
    response = client.get("/api/plans/", HTTP_ACCEPT="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "database" in response.json()["detail"]


def test_other_errors_stay_server_errors(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(selectors, "published_plans", broken)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500
