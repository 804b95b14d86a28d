"""GIS clients (GDAL/QGIS) read every published plan; the API root and OpenAPI document list the
map endpoints."""

import json
import shutil
import subprocess

import pytest

from ..factories import make_authority, make_plan, square

PLAN_COUNT = 250


def _many_plans(count: int) -> None:
    authority = make_authority(name="Kreisstadt", slug="kreisstadt",
                               jurisdiction=square(800_000, 5_650_000, 40_000))
    for n in range(count):
        make_plan(authority, name=f"Plan {n:03d}", number=f"B-{n}", procedure_kind=None,
                  area=square(800_000 + (n % 20) * 1500, 5_650_000 + (n // 20) * 1500, 400))


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin (ogrinfo) is not installed")
def test_ogrinfo_reads_all_250_plans_from_the_live_api(live_server):
    _many_plans(PLAN_COUNT)
    url = f"{live_server.url}/api/plans/"
    result = subprocess.run(
        ["ogrinfo", "-ro", "-so", "-al", url], capture_output=True, text=True, timeout=120,
        env={"GDAL_HTTP_TIMEOUT": "60", "CPL_VSIL_CURL_USE_HEAD": "NO", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "Layer name: plans" in result.stdout
    assert f"Feature Count: {PLAN_COUNT}" in result.stdout


@pytest.mark.django_db
def test_plan_collection_pages_with_links_a_client_can_follow(client):
    _many_plans(5)
    first = client.get("/api/plans/", {"limit": 2})
    data = first.json()
    assert data["name"] == "plans" and data["numberMatched"] == 5 and data["numberReturned"] == 2
    following = [link["href"] for link in data["links"] if link["rel"] == "next"]
    assert following and 'rel="next"' in first["Link"] and following[0] in first["Link"]
    names = [f["properties"]["name"] for f in data["features"]]
    while following:
        page = client.get(following[0].replace("http://testserver", "")).json()
        names += [f["properties"]["name"] for f in page["features"]]
        following = [link["href"] for link in page["links"] if link["rel"] == "next"]
    assert names == [f"Plan {n:03d}" for n in range(5)]
    unpaged = client.get("/api/plans/").json()
    assert unpaged["numberReturned"] == 5 and not [
        link for link in unpaged["links"] if link["rel"] == "next"]
    assert client.get("/api/plans/", {"limit": "many"}).json()["numberReturned"] == 5


def test_api_root_is_an_index_of_the_interfaces(client):
    response = client.get("/api/")
    assert response.status_code == 200
    links = response.json()["links"]
    hrefs = {link["href"] for link in links}
    assert "http://testserver/api/plans/" in hrefs
    assert any(link["rel"] == "service-desc" for link in links)
    assert any("/tiles/plans/{z}/{x}/{y}.pbf" in href for href in hrefs)


def test_openapi_document_lists_map_tiles_and_geojson(client):
    schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    for path in ("/tiles/plans/{z}/{x}/{y}.pbf", "/tiles/layersets/{z}/{x}/{y}.pbf",
                 "/tiles/layers/{uid}/{z}/{x}/{y}.pbf", "/tiles/layers/{uid}/{z}/{x}/{y}.png",
                 "/api/layers/{uid}/features.geojson", "/api/authorities.geojson"):
        assert "get" in schema["paths"][path], path
    plans = schema["components"]["schemas"]["PaginatedPlanList"]
    assert "links" in plans["allOf"][1]["properties"]
