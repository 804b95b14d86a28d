"""Events in the overview of all procedures and /api/procedures/: listed with their page,
their place on the map and when/where as summary; gone when the module is off."""

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point

from .conftest import build_event

pytestmark = pytest.mark.django_db


def test_event_is_in_the_overview_with_its_place(client, town):
    event = build_event(town, location=Point(318_500, 5_690_500,
                                             srid=settings.PORTAL_STORAGE_SRID))
    page = client.get("/verfahren/", {"kind": "event"})
    assert [entry.procedure.title for entry in page.context["entries"]] == [event.title]
    html = page.content.decode()
    assert event.get_absolute_url() in html and "Ratssaal" in html
    item, = client.get("/api/procedures/", {"kind": "event"}).json()["results"]
    assert item["url"].endswith(event.get_absolute_url())
    assert item["location"]["type"] == "Point"
    lon, lat = item["location"]["coordinates"]
    assert 5 < lon < 16 and 47 < lat < 56  # WGS84, in Germany
    town.enabled_modules = []
    town.save()
    assert client.get("/verfahren/", {"kind": "event"}).context["entries"] == []
