"""Live-voting sessions in the overview of all procedures and /api/procedures/: listed with
their kind and public page while the module is on, gone when it is off."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_session_is_in_the_overview_and_the_api(client, session, towns):
    page = client.get("/verfahren/", {"kind": "live_vote"})
    assert [entry.procedure.title for entry in page.context["entries"]] == [session.title]
    url = reverse("livevoting:session", args=[towns["on"].slug, session.uid])
    assert url in page.content.decode()
    api = client.get("/api/procedures/", {"kind": "live_vote"}).json()
    assert [(item["title"], item["url"].endswith(url), item["location"])
            for item in api["results"]] == [(session.title, True, None)]
    towns["on"].enabled_modules = []
    towns["on"].save()
    assert client.get("/verfahren/", {"kind": "live_vote"}).context["entries"] == []
