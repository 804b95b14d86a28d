"""Conformance classes Core and GeoJSON for features (abstract test suite A.2.7, A.3): items,
limit, bbox, datetime, paging to the end, one feature, and the 400/404 cases."""

import pytest

from planning.models import Plan

from ..factories import make_plan, square
from .helpers import get, get_json, links, one_link

pytestmark = pytest.mark.django_db

ITEMS = "/ogcapi/collections/plans-in-force/items"


def test_items_are_a_geojson_feature_collection(client, world):
    """/ats/core/fc-response, /ats/geojson/content: FeatureCollection with numberMatched,
    numberReturned, timeStamp, links self/alternate; features with id, geometry, properties."""
    response = client.get(ITEMS)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    page = response.json()
    assert page["type"] == "FeatureCollection"
    assert page["numberMatched"] == 3 and page["numberReturned"] == 3
    assert page["timeStamp"].endswith("Z")
    assert links(page, "self", "application/geo+json") and links(page, "alternate", "text/html")
    assert not links(page, "next") and not links(page, "prev")
    names = sorted(f["properties"]["name"] for f in page["features"])
    assert names == ["Bebauungsplan Nr. 0", "Bebauungsplan Nr. 1", "Bebauungsplan Nr. 2"]
    feature = page["features"][0]
    assert feature["type"] == "Feature" and feature["geometry"]["type"] == "MultiPolygon"
    assert feature["id"] == feature["properties"]["uid"]


def test_coordinates_are_longitude_latitude(client, world):
    """CRS84: the first coordinate is the longitude (Saxony: about 13° E, 51° N)."""
    feature = get_json(client, ITEMS)["features"][0]
    lon, lat = feature["geometry"]["coordinates"][0][0][0]
    assert 12 < lon < 16 and 50 < lat < 52


def test_plans_in_procedure_and_layer_features(client, world):
    procedure = get_json(client, "/ogcapi/collections/plans-in-procedure/items")
    assert [f["properties"]["name"] for f in procedure["features"]] == ["Bebauungsplan Am Bach"]
    layer = get_json(client, f"/ogcapi/collections/{world['layer'].uid}/items")
    assert layer["numberMatched"] == 2
    assert {f["properties"]["nutzung"] for f in layer["features"]} == {"WA"}
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in layer["features"])


def test_limit_and_paging_to_the_end(client, world):
    """/ats/core/fc-limit-response-1, /ats/core/fc-links, /ats/core/fc-rel-type: following the
    next links with limit=1 returns every feature once, prev links lead back."""
    url = f"{ITEMS}?limit=1"
    seen, pages = [], 0
    while url:
        page = get_json(client, url)
        pages += 1
        assert page["numberReturned"] == len(page["features"]) <= 1
        assert page["numberMatched"] == 3
        seen += [f["id"] for f in page["features"]]
        if pages > 1:
            assert links(page, "prev")
        following = links(page, "next")
        url = following[0] if following else None
    assert pages == 3
    assert sorted(seen) == sorted(str(plan.uid) for plan in world["in_force"])
    beyond = get_json(client, f"{ITEMS}?limit=2&offset=10")
    assert beyond["numberReturned"] == 0 and beyond["features"] == []


def test_limit_above_the_maximum_is_served_as_the_maximum(client, world):
    page = get_json(client, f"{ITEMS}?limit=100000")
    assert page["numberReturned"] == 3
    assert "limit=1000" in one_link(page, "self")


@pytest.mark.parametrize("params", [
    {"limit": "0"}, {"limit": "-1"}, {"limit": "viele"}, {"offset": "-3"}, {"offset": "x"},
    {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "13,51,12,52"}, {"bbox": "13,52,14,51"},
    {"bbox": "200,0,210,1"}, {"bbox": "nan,1,2,3"}, {"bbox-crs": "EPSG:25832", "bbox": "1,2,3,4"},
    {"datetime": "gestern"}, {"datetime": "2024-13-01"}, {"datetime": "../.."},
    {"datetime": "2024-01-01/2023-01-01"}, {"datetime": "2024-01-01/2024-02-01/2024-03-01"},
    {"crs": "EPSG:25832"}, {"properties": "name"},
])
def test_invalid_or_unknown_parameters_are_400(client, world, params):
    """/ats/core/query-param-invalid, /ats/core/query-param-unknown."""
    response = client.get(ITEMS, params)
    assert response.status_code == 400, params
    assert response.json()["code"] == "InvalidParameterValue"


def test_bbox_selects_the_features_it_touches(client, world):
    """/ats/core/fc-bbox-response: only features intersecting the box."""
    plan = world["in_force"][1]
    x0, y0, x1, y1 = plan.area.transform(4326, clone=True).extent
    inside = get_json(client, f"{ITEMS}?bbox={x0 + 0.0005},{y0 + 0.0005},{x1 - 0.0005},{y1 - 0.0005}")
    assert [f["id"] for f in inside["features"]] == [str(plan.uid)]
    assert inside["numberMatched"] == 1
    everything = get_json(client, f"{ITEMS}?bbox=5,47,16,56")
    assert everything["numberMatched"] == 3
    nowhere = get_json(client, f"{ITEMS}?bbox=-10,-10,-9,-9")
    assert nowhere["numberMatched"] == 0 and nowhere["features"] == []
    with_heights = get_json(client, f"{ITEMS}?bbox=5,47,0,16,56,100")
    assert with_heights["numberMatched"] == 3


@pytest.mark.parametrize(("value", "names"), [
    ("2021-03-01", ["Bebauungsplan Nr. 1"]),
    ("2021-03-01T10:00:00Z", ["Bebauungsplan Nr. 1"]),
    ("2021-01-01/2022-12-31", ["Bebauungsplan Nr. 1", "Bebauungsplan Nr. 2"]),
    ("../2020-12-31", ["Bebauungsplan Nr. 0"]),
    ("2021-06-01/..", ["Bebauungsplan Nr. 2"]),
    ("/2021-03-01", ["Bebauungsplan Nr. 0", "Bebauungsplan Nr. 1"]),
    ("2030-01-01/", []),
])
def test_datetime_selects_by_entry_into_force(client, world, value, names):
    """/ats/core/fc-time-response: instants and intervals (open ends "..").."""
    page = get_json(client, f"{ITEMS}?datetime={value}")
    assert sorted(f["properties"]["name"] for f in page["features"]) == names


def test_datetime_leaves_out_plans_without_the_date(client, world):
    make_plan(world["authority"], name="Ohne Datum", legal_status="4000",
              area=square(810_000, 5_651_000, 300))
    assert get_json(client, ITEMS)["numberMatched"] == 4
    assert get_json(client, f"{ITEMS}?datetime=2000-01-01/..")["numberMatched"] == 3


def test_feature_by_id(client, world):
    """/ats/core/f-op, /ats/core/f-success, /ats/geojson/content: one Feature with links self,
    alternate and collection; an unknown id is 404."""
    plan = world["in_force"][0]
    page = get_json(client, ITEMS)
    feature_url = f"{ITEMS}/{plan.uid}"
    response = client.get(feature_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    feature = response.json()
    assert feature["type"] == "Feature" and feature["id"] == str(plan.uid)
    assert feature["properties"]["name"] == plan.name
    assert feature["geometry"] == next(f for f in page["features"]
                                       if f["id"] == str(plan.uid))["geometry"]
    assert links(feature, "self") and links(feature, "alternate", "text/html")
    assert links(feature, "collection")
    layer_page = get_json(client, f"/ogcapi/collections/{world['layer'].uid}/items")
    layer_feature = layer_page["features"][0]
    one = get_json(client, f"/ogcapi/collections/{world['layer'].uid}/items/{layer_feature['id']}")
    assert one["properties"] == layer_feature["properties"]


@pytest.mark.parametrize("feature_id", ["00000000-0000-4000-8000-000000000000", "kein-plan", "12"])
def test_unknown_feature_is_404(client, world, feature_id):
    assert client.get(f"{ITEMS}/{feature_id}").status_code == 404


def test_a_plan_is_only_in_its_own_collection(client, world):
    procedure = world["procedure"]
    assert client.get(f"{ITEMS}/{procedure.uid}").status_code == 404
    assert client.get(f"/ogcapi/collections/plans-in-procedure/items/{procedure.uid}"
                      ).status_code == 200
    draft = world["draft"]
    for collection in ("plans-in-force", "plans-in-procedure"):
        assert client.get(f"/ogcapi/collections/{collection}/items/{draft.uid}").status_code == 404
    hidden_feature = world["hidden_layer"].features.first()
    assert client.get(f"/ogcapi/collections/{world['layer'].uid}/items/{hidden_feature.pk}"
                      ).status_code == 404


def test_unpublishing_removes_the_plan(client, world):
    plan = world["in_force"][0]
    Plan.objects.filter(pk=plan.pk).update(is_published=False)
    assert get_json(client, ITEMS)["numberMatched"] == 2
    assert get(client, f"{ITEMS}/{plan.uid}").status_code == 404
    # Its entry into force (2020-03-01) no longer counts in the temporal extent either.
    assert get_json(client, "/ogcapi/collections/plans-in-force")["extent"]["temporal"][
        "interval"] == [["2021-03-01T00:00:00Z", "2022-03-01T00:00:00Z"]]
