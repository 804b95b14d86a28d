"""OGC API Features Part 2 (coordinate reference systems by reference): geometries and bbox in
ETRS89/UTM 32N and 33N besides CRS84, named in the Content-Crs header."""

import pytest
from django.conf import settings

from .helpers import get_json, links

pytestmark = pytest.mark.django_db

ITEMS = "/ogcapi/collections/plans-in-force/items"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
UTM32 = "http://www.opengis.net/def/crs/EPSG/0/25832"
UTM33 = "http://www.opengis.net/def/crs/EPSG/0/25833"


def test_collections_list_the_crs_and_the_conformance_class(client, world):
    collection = get_json(client, "/ogcapi/collections/plans-in-force")
    assert collection["crs"] == [CRS84, UTM32, UTM33]
    if settings.PORTAL_STORAGE_SRID in (25832, 25833):
        assert collection["storageCrs"].endswith(str(settings.PORTAL_STORAGE_SRID))
    conformance = get_json(client, "/ogcapi/conformance")["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs" in conformance


def test_default_is_crs84_and_named(client, world):
    response = client.get(ITEMS)
    assert response["Content-Crs"] == f"<{CRS84}>"


def test_items_in_utm_32(client, world):
    response = client.get(ITEMS, {"crs": UTM32})
    assert response.status_code == 200 and response["Content-Crs"] == f"<{UTM32}>"
    plan = world["in_force"][0]
    feature = next(f for f in response.json()["features"] if f["id"] == str(plan.uid))
    expected = plan.area.transform(25832, clone=True)
    easting, northing = feature["geometry"]["coordinates"][0][0][0]
    assert (easting, northing) == pytest.approx(expected.coords[0][0][0], abs=0.01)
    # the paging links keep the CRS
    page = get_json(client, f"{ITEMS}?crs={UTM32}&limit=1")
    assert "crs=http" in links(page, "next")[0]


def test_one_feature_in_utm_33(client, world):
    plan = world["in_force"][0]
    response = client.get(f"{ITEMS}/{plan.uid}", {"crs": UTM33})
    assert response["Content-Crs"] == f"<{UTM33}>"
    easting, northing = response.json()["geometry"]["coordinates"][0][0][0]
    expected = plan.area.transform(25833, clone=True).coords[0][0][0]
    assert (easting, northing) == pytest.approx(expected, abs=0.01)


def test_bbox_in_utm_32(client, world):
    plan = world["in_force"][1]
    x0, y0, x1, y1 = plan.area.transform(25832, clone=True).extent
    page = get_json(client, f"{ITEMS}?bbox={x0 + 10},{y0 + 10},{x1 - 10},{y1 - 10}"
                            f"&bbox-crs={UTM32}")
    assert [f["id"] for f in page["features"]] == [str(plan.uid)]


@pytest.mark.parametrize("params", [
    {"crs": "EPSG:25832"}, {"crs": "http://www.opengis.net/def/crs/EPSG/0/4326"},
    {"bbox": "1,2,3,4", "bbox-crs": "EPSG:25832"},
    {"bbox": "800000,5650000,700000,5660000", "bbox-crs": UTM32},
])
def test_unsupported_crs_or_bad_box_is_400(client, world, params):
    assert client.get(ITEMS, params).status_code == 400
