"""Incident reports (participation.incidents) under the retention rules and in data-subject
requests: the reporter's and the supporters' contact data go, the report stays."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.gis.geos import Point
from django.urls import reverse

from dataprotection.register import create_request
from participation.incidents.models import IncidentCategory, IncidentReport, ReportSupport
from participation.incidents.services.reports import NewReport, Reporter, create_report
from participation.incidents.services.support import support_report

from .test_retention import run

pytestmark = pytest.mark.django_db

CLOSED_AT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def report(world, town):
    town.enabled_modules = ["bauleitplanung", "incidents"]
    town.save()
    category = IncidentCategory.objects.create(authority=town, service_code="schlagloch",
                                               name="Schlagloch")
    report, _created = create_report(report=NewReport(
        category=category, location=Point(820_000, 5_655_000, srid=25832),
        description="Tiefes Loch vor der Schule.",
        reporter=Reporter(name="Anna Amsel", email="anna@example.org", phone="0351 4711")))
    support_report(report=report, email="helfer@example.org")
    IncidentReport.objects.filter(pk=report.pk).update(status="closed", updated_at=CLOSED_AT)
    return report


def test_contact_data_of_closed_reports_go_after_the_retention(report, town):
    with time_machine.travel(datetime(2027, 4, 1, tzinfo=UTC), tick=False):
        early = run("--dry-run")["authorities"]["musterstadt"]
    assert (early["incident_reporters"], early["incident_supporters"]) == (0, 0)
    with time_machine.travel(datetime(2027, 5, 2, tzinfo=UTC), tick=False):
        dry = run("--dry-run")["authorities"]["musterstadt"]
        done = run()["authorities"]["musterstadt"]
        again = run()["authorities"]["musterstadt"]
    assert dry == done
    assert (done["incident_reporters"], done["incident_supporters"]) == (1, 1)
    assert (again["incident_reporters"], again["incident_supporters"]) == (0, 0)
    kept = IncidentReport.objects.get(pk=report.pk)
    assert (kept.reporter_name, kept.reporter_email, kept.reporter_phone) == ("", "", "")
    assert kept.description == "Tiefes Loch vor der Schule."
    assert ReportSupport.objects.get().email == "" and ReportSupport.objects.count() == 1


def test_a_reporter_is_exported_and_erased(client, report, town, admin):
    subject_request = create_request(authority=town, kind="erasure", subject_name="",
                                     subject_email="anna@example.org",
                                     received_on=datetime(2026, 11, 2).date(), user=admin)
    client.force_login(admin)
    exported = client.get(reverse("dataprotection:request-export-json",
                                  kwargs={"request_uid": subject_request.uid})).json()
    assert exported["incident_reports"][0]["phone"] == "0351 4711"
    client.post(reverse("dataprotection:request-complete",
                        kwargs={"request_uid": subject_request.uid}), {"confirm": "erase"})
    kept = IncidentReport.objects.get(pk=report.pk)
    assert (kept.reporter_name, kept.reporter_email, kept.reporter_phone) == ("", "", "")
    assert kept.description == "Tiefes Loch vor der Schule."
