"""Signposts get their trail; trail reports snap onto the trail and keep the original point."""

import pytest
from django.contrib.gis.geos import Point

from gis.srid import storage_srid
from participation.incidents.location import point_from_lat_lon
from participation.incidents.services.reports import NewReport, create_report
from participation.trails.models import Signpost, TrailReport
from participation.trails.services.signposts import save_signpost

from .conftest import TRAIL_Y, X0, lat_lon_of

pytestmark = pytest.mark.django_db


def report_at(category, x, y, address=""):
    report, _created = create_report(report=NewReport(
        category=category, location=point_from_lat_lon(*lat_lon_of(x, y)),
        description="Schild abgebrochen", address=address))
    report.refresh_from_db()
    return report


def test_signpost_beside_the_trail_gets_it_and_a_far_one_none(forest):
    assert list(forest["signpost"].trails.all()) == [forest["trail"]]
    assert forest["signpost"].public_id == "WW-walddorf-0001"
    far = save_signpost(Signpost(authority=forest["authority"],
                                 location=Point(X0 + 1000, TRAIL_Y + 400, srid=storage_srid())))
    assert far.public_id == "WW-walddorf-0002"
    assert not far.trails.exists()


def test_report_30_m_from_the_trail_snaps_and_keeps_the_original_point(forest):
    report = report_at(forest["category"], X0 + 2000, TRAIL_Y + 30)
    side = TrailReport.objects.get(report=report)
    assert side.trail == forest["trail"]
    assert report.location.y == pytest.approx(TRAIL_Y, abs=0.01)
    assert report.location.x == pytest.approx(X0 + 2000, abs=0.5)
    assert side.original_location.y == pytest.approx(TRAIL_Y + 30, abs=0.5)
    assert side.snap_distance_m == pytest.approx(30, abs=0.5)


def test_report_beyond_the_tolerance_stays_put(forest):
    report = report_at(forest["category"], X0 + 2000, TRAIL_Y + 80)
    side = TrailReport.objects.get(report=report)
    assert side.trail is None
    assert report.location.y == pytest.approx(TRAIL_Y + 80, abs=0.5)


def test_report_naming_a_signpost_is_in_its_history(forest):
    signpost = forest["signpost"]
    report = report_at(forest["category"], X0 + 1000, TRAIL_Y + 5,
                       address=f"Wegweiser {signpost.public_id}")
    assert list(signpost.reports.all()) == [report.trail_report]


def test_trail_categories_command_marks_six_categories(forest):
    from io import StringIO

    from django.core.management import call_command

    from participation.trails.models import TrailCategory

    call_command("trail_categories", "--authority", "walddorf", stdout=StringIO())
    call_command("trail_categories", "--authority", "walddorf", stdout=StringIO())  # idempotent
    codes = set(TrailCategory.objects.filter(category__authority=forest["authority"])
                .values_list("category__service_code", flat=True))
    assert codes == {"wegweiser", "wegweiser-fehlt", "wegweiser-beschaedigt",
                     "wegweiser-unleserlich", "wegweiser-falsch", "weg-zugewachsen",
                     "weg-schaden"}
