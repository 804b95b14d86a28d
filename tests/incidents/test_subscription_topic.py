"""Incident reports as a topic of the geo-subscriptions: a new report and its resolution inside
the subscribed area are announced once each, nothing outside, no personal data."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from participation.incidents.models import IncidentReport
from participation.incidents.services.status import change_status

from ..subscriptions.conftest import CONFIRM_LINK, immediate_tasks  # noqa: F401 (fixture)
from .test_pages import form_data, post

pytestmark = pytest.mark.django_db


def subscribe(client, capture, email, municipality):
    with capture(execute=True):
        response = client.post("/benachrichtigungen/", {
            "email": email, "topics": ["reports"], "frequency": "immediate",
            "area_kind": "municipality", "municipality": municipality, "radius": "500"})
    assert response.status_code == 302, response.content.decode()[:2000]
    path = CONFIRM_LINK.search(mail.outbox[-1].body).group(1)
    assert client.post(path).status_code == 200


def notices(capture) -> list:
    mail.outbox.clear()
    with capture(execute=True):
        call_command("send_subscription_notices", stdout=StringIO())
    return list(mail.outbox)


def test_new_and_resolved_reports_inside_the_area_are_announced_once(
        client, area, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    page = client.get("/benachrichtigungen/").content.decode()
    assert 'value="reports"' in page
    subscribe(client, capture, "nachbar@example.org", "westdorf")
    subscribe(client, capture, "fern@example.org", "ostdorf")
    with capture(execute=True):
        post(client, area, form_data(area, name="Erika Geheim", email="melder@example.org",
                                     address="Geheimweg 7"))
    report = IncidentReport.objects.get()
    [notice] = notices(capture)
    assert notice.to == ["nachbar@example.org"]
    assert report.reference in notice.body and "Schlagloch" in notice.body
    for private in ("Erika Geheim", "melder@example.org", "Geheimweg", "Tiefes Schlagloch"):
        assert private not in notice.body and private not in notice.subject
    assert notices(capture) == []  # once
    feed = client.get("/westdorf/aktuelles.atom").content.decode()
    assert report.reference in feed and "Erika Geheim" not in feed
    change_status(report=report, status="closed", public_answer="Geflickt.")
    [resolved] = notices(capture)
    assert resolved.to == ["nachbar@example.org"] and report.reference in resolved.body
    assert notices(capture) == []


def test_the_module_switched_off_announces_nothing(client, area,
                                                   django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    subscribe(client, capture, "nachbar@example.org", "westdorf")
    with capture(execute=True):
        post(client, area, form_data(area))
    west = area["west"]
    west.enabled_modules = []
    west.save(update_fields=["enabled_modules"])
    assert notices(capture) == []
