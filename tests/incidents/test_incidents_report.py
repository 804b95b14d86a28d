"""manage.py incidents_report: counts, median times, overdue; the inbox marks overdue reports."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from participation.incidents.location import point_from_lat_lon
from participation.incidents.services.reports import NewReport, create_report
from participation.incidents.services.status import change_status

from .conftest import EAST_X, WEST_X, Y, lat_lon_of

pytestmark = pytest.mark.django_db
DAY1 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def report_at(category, x, moment, text):
    with time_machine.travel(moment, tick=False):
        report, _ = create_report(report=NewReport(
            category=category, location=point_from_lat_lon(*lat_lon_of(x, Y)), description=text,
            answers={"size": "small"} if category.service_code == "pothole" else {}))
    return report


def change_at(report, moment, status):
    with time_machine.travel(moment, tick=False):
        change_status(report=report, status=status, public_answer="ok")


def run(*args) -> dict:
    out = StringIO()
    call_command("incidents_report", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_counts_medians_and_overdue(area, west_staff, client):
    area["pothole"].due_days = 3
    area["pothole"].save()
    first = report_at(area["pothole"], WEST_X, DAY1, "Loch 1")
    second = report_at(area["pothole"], WEST_X, DAY1, "Loch 2")
    report_at(area["light"], EAST_X, DAY1, "Lampe")
    change_at(first, datetime(2026, 3, 2, 11, 0, tzinfo=UTC), "in_progress")  # 2 h
    change_at(first, datetime(2026, 3, 3, 9, 0, tzinfo=UTC), "closed")  # 24 h
    change_at(second, datetime(2026, 3, 2, 13, 0, tzinfo=UTC), "in_progress")  # 4 h
    with time_machine.travel(datetime(2026, 3, 10, tzinfo=UTC), tick=False):
        west = run("--authority", "westdorf")
        everything = run()
        client.force_login(west_staff)
        inbox = client.get("/staff/meldungen/").content.decode()
    assert west["total"] == 2 and west["by_status"] == {"open": 0, "in_progress": 1, "closed": 1}
    assert west["by_category"] == {"westdorf/pothole": 2}
    assert west["median_hours_to_acknowledge"] == 3.0
    assert west["median_hours_to_resolve"] == 24.0
    assert west["overdue"] == [second.reference]
    assert everything["total"] == 3 and everything["by_category"]["ostdorf/light"] == 1
    assert inbox.count('class="overdue"') == 1
    assert run("--since", "2026-03-03")["total"] == 0


def test_bad_arguments():
    with pytest.raises(CommandError):
        call_command("incidents_report", "--since", "gestern")
    with pytest.raises(CommandError):
        call_command("incidents_report", "--authority", "gibt-es-nicht")
