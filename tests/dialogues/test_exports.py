"""Staff exports of a dialogue's comments: XLSX and GeoPackage (read back with OGR)."""

import io
import json
import uuid

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example","x")'


def _comment(client, world, text, **extra):
    dialogue = world["dialogue"]
    data = {"text": text, "idempotency_key": str(uuid.uuid4()), **extra}
    response = client.post(reverse("dialogues:detail", args=[dialogue.authority.slug,
                                                             dialogue.uid]), data)
    assert response.status_code in (200, 302)


@pytest.fixture
def commented(client, world, citizen):
    client.force_login(citizen)
    _comment(client, world, EVIL,
             location=json.dumps({"type": "Point", "coordinates": [12.37, 51.34]}))
    _comment(client, world, "<script>alert(1)</script>@SUM(A1)")
    client.logout()
    return world


@pytest.mark.parametrize("name", ["dialogues_staff:export-xlsx", "dialogues_staff:export-gpkg"])
def test_exports_are_staff_only_and_404_when_module_off(client, commented, citizen, moderator,
                                                        other_moderator, town, name):
    url = reverse(name, args=[commented["dialogue"].uid])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(citizen)
    assert client.get(url).status_code == 404
    client.force_login(other_moderator)
    assert client.get(url).status_code == 404
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    town.enabled_modules = []
    town.save(update_fields=["enabled_modules"])
    assert client.get(url).status_code == 404


def test_xlsx_holds_text_cells_only_never_formulas(client, commented, moderator):
    from openpyxl import load_workbook

    client.force_login(moderator)
    response = client.get(reverse("dialogues_staff:export-xlsx",
                                  args=[commented["dialogue"].uid]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    texts = [row[5].value for row in rows[1:]]
    assert "'" + EVIL in texts
    assert any(text.startswith("'@SUM") or "alert(1)" in text for text in texts)
    assert not any("<script" in (text or "") for text in texts)
    for row in rows:
        for cell in row:
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")))
    assert any(str(row[6].value).startswith("POINT") for row in rows[1:])


def test_gpkg_has_the_commented_places_as_one_layer(client, commented, moderator, tmp_path):
    from osgeo import ogr

    client.force_login(moderator)
    response = client.get(reverse("dialogues_staff:export-gpkg",
                                  args=[commented["dialogue"].uid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    path = tmp_path / "dialog.gpkg"
    path.write_bytes(response.content)
    dataset = ogr.Open(str(path))
    assert dataset.GetLayerCount() == 1
    layer = dataset.GetLayer(0)
    assert layer.GetName() == "kommentare"
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "25832"
    features = list(layer)
    assert len(features) == 1  # only the comment with a place
    feature = features[0]
    assert feature.GetField("text") == "'" + EVIL
    geometry = feature.GetGeometryRef()
    assert geometry.GetGeometryName() == "POINT"
    assert 700_000 < geometry.GetX() < 760_000 and 5_670_000 < geometry.GetY() < 5_720_000
    del dataset
