"""Staff map layers of a plan: upload, ingest status (queued → done/failed), JSON, remove."""

import json

import pytest
from django.urls import reverse
from osgeo import gdal

from gis.models import IngestStatus, Layer
from planning.models import PlanLayer
from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, square
from .test_staff_support import feature_collection, upload

pytest_plugins = ["tests.planning.test_staff_support"]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
gdal.UseExceptions()


@pytest.fixture
def world(db):
    town = make_authority(name="Dresden", slug="dresden", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    planner = make_staff(town, Role.PLANNER, "planerin")
    plan = make_plan(town, name="Mühlbachwiesen", published=False,
                     area=square(820_000, 5_655_000, 400))
    return {"town": town, "planner": planner, "plan": plan}


def url(name, plan, **kwargs):
    return reverse(f"planning_staff:{name}", kwargs={"plan_uid": plan.uid, **kwargs})


def status_of(client, plan) -> dict:
    response = client.get(url("layer-status", plan), **EN)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response.json()


def post_vector(client, plan, name, content, **fields):
    data = {"vector-name": "Festsetzungen", "vector-file": upload(name, content),
            "vector-style_attribute": ""}
    data.update({f"vector-{k}": v for k, v in fields.items()})
    return client.post(url("layer-add-vector", plan), data, **EN)


@pytest.mark.django_db(transaction=True)
def test_vector_layer_goes_from_queued_to_done(client, world, run_worker):
    plan = world["plan"]
    client.force_login(world["planner"])
    content = feature_collection(square(820_000, 5_655_000, 100), square(820_200, 5_655_000, 100),
                                 properties={"nutzung": "WA"})
    response = post_vector(client, plan, "festsetzungen.geojson", content,
                           style_attribute="nutzung")
    assert response.status_code == 302 and response["Location"].endswith("#layers")
    layer = Layer.objects.get(plan_link__plan=plan)
    assert layer.style == {"attribute": "nutzung"}
    data = status_of(client, plan)
    assert data["final"] is False
    assert [(row["name"], row["status"], row["final"]) for row in data["layers"]] == [
        ("Festsetzungen", "queued", False)]
    page = client.get(url("plan-detail", plan), **EN).content.decode()
    assert 'data-layers-pending="true"' in page and 'id="layer-status-fallback"' in page
    assert 'id="layer-status-live"' in page

    run_worker()
    data = status_of(client, plan)
    assert data["final"] is True
    [row] = data["layers"]
    assert row["status"] == "done" and row["label"] == "done"
    assert row["details"].startswith("2 features")
    page = client.get(url("plan-detail", plan), **EN)
    assert 'data-layers-pending' not in page.content.decode()
    assert [layer["name"] for layer in page.context["map_config"]["layers"]] == ["Festsetzungen"]
    # The chosen style attribute takes effect: its value has a colour of its own.
    layer.refresh_from_db()
    assert layer.style["attribute"] == "nutzung" and set(layer.style["values"]) == {"WA"}
    assert page.context["legend"][0].entries[0].label == "WA"


@pytest.mark.django_db(transaction=True)
def test_failed_ingest_shows_its_reason(client, world, run_worker):
    plan = world["plan"]
    client.force_login(world["planner"])
    empty = json.dumps({"type": "FeatureCollection", "features": []}).encode()
    assert post_vector(client, plan, "leer.geojson", empty).status_code == 302
    run_worker()
    [row] = status_of(client, plan)["layers"]
    assert row["status"] == "failed" and row["final"] is True
    assert "no features" in row["message"] and "no features" in row["details"]
    html = client.get(url("plan-detail", plan), **EN).content.decode()
    assert "The file contains no features." in html
    assert "layer-status--failed" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "message"),
    [("layer.txt", "is not an accepted vector file"), ("layer.geojson", "empty")],
)
def test_bad_vector_upload_is_refused_and_nothing_is_queued(client, world, name, message):
    client.force_login(world["planner"])
    response = post_vector(client, world["plan"], name, b"" if name.endswith("json") else b"x")
    assert response.status_code == 200
    assert message in " ".join(response.context["vector_form"].errors["file"])
    assert not Layer.objects.exists() and not PlanLayer.objects.exists()


def _geotiff(tmp_path) -> bytes:
    path = tmp_path / "scan.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), 20, 10, 1, gdal.GDT_Byte)
    dataset.SetGeoTransform((820_000, 10, 0, 5_655_400, 0, -10))
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).Fill(128)
    dataset = None
    return path.read_bytes()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.mark.django_db
def test_raster_uploads_are_queued_with_their_crs(client, world, tmp_path):
    plan = world["plan"]
    client.force_login(world["planner"])
    response = client.post(url("layer-add-raster", plan), {
        "raster-name": "Planzeichnung", "raster-file": upload("scan.tif", _geotiff(tmp_path)),
        "raster-srid": "",
    }, **EN)
    assert response.status_code == 302
    response = client.post(url("layer-add-raster", plan), {
        "raster-name": "Scan", "raster-file": upload("scan.png", PNG),
        "raster-world_file": upload("scan.pgw", b"1\n0\n0\n-1\n820000\n5655400\n"),
        "raster-srid": "25833",
    }, **EN)
    assert response.status_code == 302
    layers = {layer.name: layer for layer in Layer.objects.filter(plan_link__plan=plan)}
    assert layers["Planzeichnung"].status == IngestStatus.QUEUED
    assert layers["Planzeichnung"].source_srid is None
    assert layers["Scan"].source_srid == 25833 and layers["Scan"].world_file


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"file": ("scan.png", PNG), "srid": "25832"}, "world_file", "needs its world file"),
        ({"file": ("scan.png", PNG), "world_file": ("scan.pgw", b"1\n0\n0\n-1\n0\n0\n")},
         "srid", "Choose the coordinate reference system"),
        ({"file": ("scan.png", PNG), "world_file": ("scan.pgw", b"1\n"), "srid": "2154"},
         "srid", "Select a valid choice"),
        ({"file": ("scan.bmp", b"BM...")}, "file", "is not an accepted raster file"),
        ({"file": ("scan.png", PNG), "world_file": ("scan.txt", b"1\n"), "srid": "25832"},
         "file", "is not an accepted world file"),
    ],
)
def test_bad_raster_upload_is_refused_with_a_specific_message(client, world, fields, field,
                                                              message):
    client.force_login(world["planner"])
    data = {"raster-name": "Scan", "raster-srid": ""}
    for key, value in fields.items():
        data[f"raster-{key}"] = upload(*value) if isinstance(value, tuple) else value
    response = client.post(url("layer-add-raster", world["plan"]), data, **EN)
    assert response.status_code == 200
    assert message in " ".join(response.context["raster_form"].errors[field])
    assert not Layer.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_remove_layer_asks_first_and_deletes_layer_and_file(client, world, run_worker):
    plan = world["plan"]
    client.force_login(world["planner"])
    post_vector(client, plan, "f.geojson", feature_collection(square(820_000, 5_655_000, 100)))
    run_worker()
    layer = Layer.objects.get(plan_link__plan=plan)
    storage, name = layer.source_file.storage, layer.source_file.name
    delete_url = url("layer-delete", plan, layer_uid=layer.uid)
    assert client.get(delete_url).status_code == 200
    assert Layer.objects.filter(pk=layer.pk).exists()
    assert client.post(delete_url).status_code == 302
    assert not Layer.objects.filter(pk=layer.pk).exists()
    assert not storage.exists(name)
    assert status_of(client, plan) == {"layers": [], "final": True}


@pytest.mark.django_db
def test_viewer_sees_status_but_cannot_upload(client, world):
    viewer = make_staff(world["town"], Role.VIEWER)
    client.force_login(viewer)
    plan = world["plan"]
    assert client.get(url("layer-status", plan)).status_code == 200
    response = post_vector(client, plan, "f.geojson", feature_collection(square(820_000, 5_655_000, 100)))
    assert response.status_code == 403
    assert not Layer.objects.exists()
