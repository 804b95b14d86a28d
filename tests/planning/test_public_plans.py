"""The state-wide plan portal, plan pages, plan tiles and the plan API."""

import re
from datetime import date, timedelta

import mapbox_vector_tile
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gis.tiles.grid import lonlat_to_tile
from planning.services.phases import schedule_phase

from ..factories import make_authority, make_plan, square

pytestmark = pytest.mark.django_db

# Near Dresden, UTM 32: E 820 200 / N 5 655 200 is 13.560°E 50.959°N.
TOWN_AREA = square(815_000, 5_650_000, 12_000)


@pytest.fixture
def town():
    return make_authority(name="Dresden", slug="dresden", ags="14612000", jurisdiction=TOWN_AREA)


@pytest.fixture
def plans(town):
    other = make_authority(name="Pirna", slug="pirna", ags="14628270",
                           jurisdiction=square(840_000, 5_640_000, 8000))
    in_force = make_plan(town, name="Altmarkt", number="B-12", legal_status="4000",
                         area=square(820_000, 5_655_000, 400), plan_art=["1000"],
                         entry_into_force_date=date(2019, 5, 1))
    draft = make_plan(town, name="Mühlbachwiesen", number="B-77", legal_status="2400",
                      area=square(824_000, 5_656_000, 400), plan_art=["3000"])
    fnp = make_plan(other, name="Flächennutzungsplan Pirna", plan_class="FP_Plan",
                    area=square(841_000, 5_641_000, 3000), legal_status="4000")
    hidden = make_plan(town, name="Geheimplan", published=False, area=square(820_100, 5_655_100, 100))
    today = timezone.localdate()
    schedule_phase(plan=draft, kind="baugb_3_2", start_date=today - timedelta(days=5),
                   end_date=today + timedelta(days=40))
    return {"in_force": in_force, "draft": draft, "fnp": fnp, "hidden": hidden}


def names(response) -> list[str]:
    return sorted(p.name for p in response.context["plans"])


def test_state_portal_lists_published_plans_with_filters(client, plans):
    assert names(client.get("/")) == ["Altmarkt", "Flächennutzungsplan Pirna", "Mühlbachwiesen"]
    assert names(client.get("/", {"status": "in_force"})) == ["Altmarkt", "Flächennutzungsplan Pirna"]
    assert names(client.get("/", {"status": "open"})) == ["Mühlbachwiesen"]
    assert names(client.get("/", {"status": "running"})) == ["Mühlbachwiesen"]
    assert names(client.get("/", {"kind": "vorhabenbezogen"})) == ["Mühlbachwiesen"]
    assert names(client.get("/", {"kind": "flaechennutzungsplan"})) == ["Flächennutzungsplan Pirna"]
    assert names(client.get("/", {"authority": "pirna"})) == ["Flächennutzungsplan Pirna"]
    assert names(client.get("/", {"status": "bogus", "kind": "bogus"})) == names(client.get("/"))


def test_state_portal_reads_no_plan_area_or_jurisdiction(client, plans):
    """The list shows names and links; the multipolygons reach the map as tiles, never the page."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    assert "Altmarkt (B-12)" in page and "Dresden" in page
    selects = [q["sql"].split(" FROM ")[0] for q in queries.captured_queries
               if q["sql"].startswith("SELECT")]
    # Columns read as they are; the map's extent (an aggregate over the areas) is one box.
    raw_geometry = re.compile(r'(?<!\()"(planning_plan"\."area|portal_authority"\."jurisdiction)"')
    offending = [s for s in selects if raw_geometry.search(s)]
    assert selects and not offending, offending


def test_search_by_municipality_name_and_number(client, plans):
    assert names(client.get("/", {"q": "dresden"})) == ["Altmarkt", "Mühlbachwiesen"]
    assert names(client.get("/", {"q": "B-77"})) == ["Mühlbachwiesen"]
    assert names(client.get("/", {"q": "Altmarkt"})) == ["Altmarkt"]
    html = client.get("/", {"q": "Nirgendwo"}).content.decode()
    # Without a geocoder the portal says what it can search instead of a spelling hint.
    assert "kein veröffentlichter Plan passt zu „Nirgendwo“" in html


def test_which_plans_apply_at_a_point(client, plans):
    # The centre of "Altmarkt" (UTM 32 E 820 200 / N 5 655 200) in WGS84.
    from django.contrib.gis.geos import Point

    centre = Point(820_200, 5_655_200, srid=25832)
    centre.transform(4326)
    response = client.get("/", {"lon": centre.x, "lat": centre.y})
    assert names(response) == ["Altmarkt"]
    assert "Pläne an diesem Ort" in response.content.decode()
    assert names(client.get("/", {"lon": 0, "lat": 0})) == []
    assert names(client.get("/", {"lon": "x", "lat": "1e999"})) == names(client.get("/"))


def test_plan_page_shows_documents_timeline_and_open_phase(client, plans):
    draft = plans["draft"]
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Mühlbachwiesen" in html and "B-77" in html
    assert "Veröffentlichung des Entwurfs (§3 Abs. 2 BauGB)" in html
    assert "Stellungnahmen sind bis" in html and "möglich (deutsche Zeit)" in html
    assert "läuft jetzt" in html


def test_unpublished_and_foreign_plan_pages_are_404(client, plans):
    hidden = plans["hidden"]
    assert client.get(hidden.get_absolute_url()).status_code == 404
    fnp = plans["fnp"]
    assert client.get(f"/dresden/plaene/{fnp.uid}/").status_code == 404


def test_in_force_plan_stays_available_after_the_procedure(client, plans):
    plan = plans["in_force"]
    schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2018, 9, 1), end_date=date(2018, 10, 5))
    with time_machine.travel(timezone.now() + timedelta(days=3650)):
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "§10a BauGB" in html and "beendet" in html
    assert "Noch nicht bereitgestellt" in html  # Begründung and zusammenfassende Erklärung


def test_authority_portal_lists_its_plans(client, plans):
    html = client.get("/dresden/").content.decode()
    assert "Altmarkt" in html and "Mühlbachwiesen" in html
    assert "Geheimplan" not in html and "Flächennutzungsplan Pirna" not in html


def plan_tile_names(client, params=None):
    tile = lonlat_to_tile(13.59, 50.962, 10)
    response = client.get(f"/tiles/plans/{tile.z}/{tile.x}/{tile.y}.pbf", params or {})
    if response.status_code == 204:
        return response, []
    data = mapbox_vector_tile.decode(response.content)
    return response, sorted(f["properties"]["name"] for f in data["plans"]["features"])


def test_plan_area_tiles_with_filters_and_etag(client, plans):
    response, found = plan_tile_names(client)
    assert found == ["Altmarkt", "Mühlbachwiesen"]
    assert plan_tile_names(client, {"status": "in_force"})[1] == ["Altmarkt"]
    etag = response["ETag"]
    tile = lonlat_to_tile(13.59, 50.962, 10)
    url = f"/tiles/plans/{tile.z}/{tile.x}/{tile.y}.pbf"
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    plans["draft"].name = "Mühlbachwiesen II"
    plans["draft"].save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_plan_api_geojson_with_filters(client, plans):
    data = client.get("/api/plans/").json()
    assert data["type"] == "FeatureCollection"
    assert sorted(f["properties"]["name"] for f in data["features"]) == [
        "Altmarkt", "Flächennutzungsplan Pirna", "Mühlbachwiesen"]
    lon, lat = data["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 13 < lon < 15 and 50 < lat < 52
    in_force = client.get("/api/plans/", {"status": "in_force", "authority": "dresden"}).json()
    assert [f["properties"]["name"] for f in in_force["features"]] == ["Altmarkt"]
    box = client.get("/api/plans/", {"bbox": "13.8,50.8,13.95,50.87"}).json()
    assert [f["properties"]["name"] for f in box["features"]] == ["Flächennutzungsplan Pirna"]
    assert client.get("/api/plans/", {"bbox": "1,2,3"}).status_code == 400
    assert client.get("/api/plans/", {"point": "a,b"}).status_code == 400
    assert client.get("/api/plans/", {"status": "whatever"}).status_code == 400


def test_plan_api_detail(client, plans):
    draft = plans["draft"]
    data = client.get(f"/api/plans/{draft.uid}/").json()
    props = data["properties"]
    assert props["name"] == "Mühlbachwiesen" and props["kind"] == "vorhabenbezogen"
    assert props["phases"][0]["kind"] == "baugb_3_2" and props["phases"][0]["state"] == "open"
    assert client.get(f"/api/plans/{plans['hidden'].uid}/").status_code == 404
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/plans/" in schema["paths"] and "/api/plans/{uid}/" in schema["paths"]
