"""/api/procedures/ and /api/procedures.geojson: shape, filters, errors, paging."""

import pytest

from .test_overview import ALL_IN_ORDER
from .world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def titles(body) -> list[str]:
    return [item["title"] for item in body["results"]]


def test_shape_of_an_item(client, world):
    body = client.get("/api/procedures/").json()
    assert body["count"] == len(ALL_IN_ORDER)
    assert titles(body) == ALL_IN_ORDER
    item = next(i for i in body["results"] if i["title"] == "Dialog Neue Mitte")
    dialogue = world["dialogue"]
    assert item["id"] == dialogue.procedure_id
    assert item["kind"] == "dialogue" and item["kind_name"]
    assert item["authority"] == {"slug": "musterstadt", "name": "Musterstadt"}
    assert item["status"] == "open"
    assert item["url"] == f"http://testserver/musterstadt/dialoge/{dialogue.uid}/"
    assert item["summary"] == "Wie soll der Platz aussehen?"
    [phase] = item["phases"]
    assert set(phase) == {"kind", "title", "start", "end", "state"}
    assert phase["kind"] == "dialogue_open" and phase["state"] == "open"
    assert item["location"]["type"] == "Point"
    lon, lat = item["location"]["coordinates"]
    assert 13 < lon < 14.5 and 50.5 < lat < 51.5
    survey = next(i for i in body["results"] if i["title"] == "Umfrage Spielplätze")
    assert survey["location"] is None and survey["url"] is None
    assert survey["status"] == "upcoming"
    undated = next(i for i in body["results"] if i["title"] == "Dialog Ohne Termin")
    assert undated["status"] is None and undated["phases"] == []


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "survey"}, ["Umfrage Radwege", "Umfrage Spielplätze"]),
    ({"status": "closed"}, ["Dialog Alter Markt", "Regionalplan Heide"]),
    ({"q": "linden"}, ["B-Plan Lindenhof"]),
    ({"authority": "beispieldorf"}, ["B-Plan Dorfanger"]),
    ({"district": "landkreis-heide", "status": "closed"},
     ["Dialog Alter Markt", "Regionalplan Heide"]),
])
def test_filters(client, world, params, expected):
    assert titles(client.get("/api/procedures/", params).json()) == expected


def test_bbox_and_near(client, world):
    from django.contrib.gis.geos import Point

    def lon_lat(x, y):
        point = Point(x, y, srid=world["town"].jurisdiction.srid).transform(4326, clone=True)
        return point.x, point.y

    lon, lat = lon_lat(822_150, 5_657_150)
    near = client.get("/api/procedures/", {"near": f"{lon},{lat}", "radius": "500"}).json()
    assert titles(near) == ["Dialog Neue Mitte"]
    west, south = lon_lat(820_900, 5_655_900)
    east, north = lon_lat(821_600, 5_656_600)
    box = client.get("/api/procedures/", {"bbox": f"{west},{south},{east},{north}"}).json()
    assert titles(box) == ["B-Plan Mühlbach"]


@pytest.mark.parametrize(("params", "field"), [
    ({"kind": "nix"}, "kind"),
    ({"status": "soon"}, "status"),
    ({"authority": "nirgendwo"}, "authority"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "13,51,12,52"}, "bbox"),
    ({"bbox": "1e308,1,2,3"}, "bbox"),
    ({"near": "200,51"}, "near"),
    ({"near": "nan,51"}, "near"),
    ({"near": "13.7,51", "radius": "0"}, "radius"),
    ({"near": "13.7,51", "radius": "1e9"}, "radius"),
    ({"radius": "100"}, "radius"),
    ({"q": "x" * 201}, "q"),
])
def test_refused_filters_name_the_parameter(client, world, params, field):
    response = client.get("/api/procedures/", params, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field] and body[field][0]


def test_pagination_with_next_links(client, world):
    first = client.get("/api/procedures/", {"limit": 4}).json()
    assert first["count"] == len(ALL_IN_ORDER) and titles(first) == ALL_IN_ORDER[:4]
    assert "offset=4" in first["next"] and first["previous"] is None
    second = client.get(first["next"]).json()
    assert titles(second) == ALL_IN_ORDER[4:8]
    last = client.get(second["next"]).json()
    assert titles(last) == ALL_IN_ORDER[8:] and last["next"] is None


def test_module_switched_off_and_inactive_authority(client, world):
    world["town"].enabled_modules = ["bauleitplanung"]
    world["town"].save()
    body = client.get("/api/procedures/").json()
    assert not [t for t in titles(body) if t.startswith(("Dialog", "Umfrage"))]
    world["village"].is_active = False
    world["village"].save()
    assert "B-Plan Dorfanger" not in titles(client.get("/api/procedures/").json())


def test_geojson(client, world):
    response = client.get("/api/procedures.geojson", {"kind": "dialogue", "limit": 2})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["name"] == "procedures"
    assert body["numberMatched"] == 3 and body["numberReturned"] == 2
    first = body["features"][0]
    assert first["type"] == "Feature" and first["geometry"]["type"] == "Point"
    assert first["properties"]["title"] == "Dialog Neue Mitte"
    assert "location" not in first["properties"]
    assert body["features"][1]["geometry"] is None
    assert any(link["rel"] == "next" for link in body["links"]) and 'rel="next"' in response["Link"]


def test_openapi_documents_the_endpoints(client, world):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/procedures/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"kind", "authority", "district", "status", "q", "bbox", "near", "radius",
            "limit", "offset"} <= names
    assert "/api/procedures.geojson" in schema["paths"]
