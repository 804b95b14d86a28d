"""Atom feeds per authority and per area: valid XML (RFC 4287 elements), entries, no personal data."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.core import mail

from planning.models import ResultRelease
from planning.services.phases import schedule_phase

from .conftest import OPENED, lon_lat, subscribed

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _parse(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    return root, entries


@pytest.fixture
def events(client, world, clock):
    clock.shift(timedelta(hours=1))
    subscribed(client, area_kind="municipality", municipality="innenstadt",
               email="geheim.person@example.org")
    for plan in (world["plan_in"], world["plan_out"]):
        schedule_phase(plan=plan, kind="baugb_3_1", start_date=date(2026, 9, 2),
                       end_date=date(2026, 10, 2))
    ResultRelease.objects.create(plan=world["plan_in"], released_at=OPENED, publish=True)
    clock.move_to(OPENED + timedelta(hours=1))
    mail.outbox.clear()
    return world


def test_authority_feed(client, events):
    root, entries = _parse(client.get("/innenstadt/aktuelles.atom"))
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert any("B-Plan Marktplatz" in title and "Ergebnis" in title for title in titles) or \
        any("Results" in title for title in titles)
    assert all("Feldweg" not in title for title in titles)
    # new procedure, opened phase, published results
    assert len(entries) == 3
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == 3 and all(i.startswith("tag:testserver,2026:") for i in ids)
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/innenstadt/plaene/")
    assert b"geheim.person" not in client.get("/innenstadt/aktuelles.atom").content
    assert client.get("/gibt-es-nicht/aktuelles.atom").status_code == 404


def test_authority_page_links_its_feed(client, events):
    html = client.get("/innenstadt/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/innenstadt/aktuelles.atom"' in html
    page = client.get("/benachrichtigungen/?gemeinde=innenstadt").content.decode()
    assert 'type="application/atom+xml" href="/innenstadt/aktuelles.atom"' in page
    assert 'action="/benachrichtigungen/feed.atom"' in page


def test_area_feed_by_point_and_bbox(client, events):
    lon, lat = lon_lat(501_200, 5_651_200)
    _root, entries = _parse(client.get("/benachrichtigungen/feed.atom",
                                       {"lat": lat, "lon": lon, "radius": 200}))
    text = " ".join(entry.find(f"{ATOM}title").text for entry in entries)
    assert "Marktplatz" in text and "Feldweg" not in text
    west, south = lon_lat(520_500, 5_650_500)
    east, north = lon_lat(522_000, 5_652_000)
    _root, entries = _parse(client.get("/benachrichtigungen/feed.atom",
                                       {"bbox": f"{west},{south},{east},{north}"}))
    text = " ".join(entry.find(f"{ATOM}title").text for entry in entries)
    assert "Feldweg" in text and "Marktplatz" not in text
    empty_west, empty_south = lon_lat(540_000, 5_650_000)
    _root, entries = _parse(client.get("/benachrichtigungen/feed.atom", {
        "lat": empty_south, "lon": empty_west, "radius": 50}))
    assert entries == []


@pytest.mark.parametrize("params", [
    {}, {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "5,50,15,55"},  # too large
    {"bbox": "13,51,12,52"}, {"lat": "51", "lon": "13", "radius": "30000"},
    {"lat": "nan", "lon": "13"}, {"lat": "1e308", "lon": "13"}, {"lat": "51", "lon": "x"},
    {"lat": "51", "lon": "13", "radius": "inf"},
])
def test_area_feed_refuses_bad_parameters(client, db, params):
    response = client.get("/benachrichtigungen/feed.atom", params)
    assert response.status_code == 400
    assert response.content.decode()


def test_plan_names_are_text_in_the_feed(client, world, clock):
    from tests.factories import make_plan, square

    make_plan(world["inside"], name='<img src=x onerror="alert(1)">', area=square(502_000, 5_652_000, 100))
    clock.shift(timedelta(hours=1))
    _root, entries = _parse(client.get("/innenstadt/aktuelles.atom"))
    [entry] = [e for e in entries if "img" in e.find(f"{ATOM}title").text]
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<img" not in summary.text and "&lt;img" in summary.text
