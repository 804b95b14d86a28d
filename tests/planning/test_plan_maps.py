"""Plan maps that explain themselves: one combined tile source for all vector layers, a legend
from the styles, code-list labels instead of codes, human layer titles, honest search."""

import json

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import Polygon
from django.utils import translation

from gis.models import Feature, IngestStatus, Layer, LayerKind
from gis.styles import with_value_styles
from gis.tiles.grid import lonlat_to_tile
from planning.maps.objects import feature_text
from planning.models import PlanLayer
from planning.xplan_import import styles as xplan_styles

from ..factories import make_authority, make_plan, square

pytestmark = pytest.mark.django_db
DE = {"HTTP_ACCEPT_LANGUAGE": "de"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _layer(plan, name, style, features, order, *, public=True, visible=True):
    layer = Layer.objects.create(name=name, kind=LayerKind.VECTOR, status=IngestStatus.DONE,
                                 style=style, is_public=public, feature_count=len(features))
    Feature.objects.bulk_create(
        Feature(layer=layer, geometry=geometry, feature_class=cls, style_key=key, label=label,
                source_index=i)
        for i, (geometry, cls, key, label) in enumerate(features))
    PlanLayer.objects.create(plan=plan, layer=layer, order=order, visible_by_default=visible)
    return layer


def _box(x, y, size=100):
    return Polygon.from_bbox((x, y, x + size, y + size))


@pytest.fixture
def imported_plan(settings):
    town = make_authority(name="Dresden", slug="dresden", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    plan = make_plan(town, name="Altmarkt", area=square(820_000, 5_655_000, 400))
    for poly in (_box(820_000, 5_655_000),):
        poly.srid = settings.PORTAL_STORAGE_SRID
    srid = settings.PORTAL_STORAGE_SRID
    uses = xplan_styles.area_style("BP_BaugebietsTeilFlaeche", filled=True,
                                   attribute="besondereArtDerBaulNutzung",
                                   keys={"1200", "1500"})
    overlay = xplan_styles.area_style("BP_UeberbaubareGrundstuecksFlaeche", filled=False,
                                      attribute=None, keys=set())
    boxes = [Polygon.from_bbox(b) for b in ((820_000, 5_655_000, 820_100, 5_655_100),
                                            (820_100, 5_655_000, 820_200, 5_655_100),
                                            (820_010, 5_655_010, 820_090, 5_655_090))]
    for box in boxes:
        box.srid = srid
    layers = {
        "uses": _layer(plan, "BP_BaugebietsTeilFlaeche", uses, [
            (boxes[0], "BP_BaugebietsTeilFlaeche", "1200", "WA"),
            (boxes[1], "BP_BaugebietsTeilFlaeche", "1500", "MI")], 0),
        "overlay": _layer(plan, "BP_UeberbaubareGrundstuecksFlaeche", overlay, [
            (boxes[2], "BP_UeberbaubareGrundstuecksFlaeche", "", "")], 1),
        "hidden": _layer(plan, "Presentation objects (XPlanung)",
                         xplan_styles.presentation_style(), [
                             (boxes[2].centroid, "XP_PPO", "XP_PPO", "")], 2, visible=False),
    }
    return plan, layers


def _tile_url(layers, z=16):
    tile = lonlat_to_tile(*_centre(), z)
    uids = ",".join(str(layer.uid) for layer in layers)
    return f"/tiles/layersets/{tile.z}/{tile.x}/{tile.y}.pbf?layers={uids}"


def _centre():
    from django.contrib.gis.geos import Point
    point = Point(820_100, 5_655_050, srid=25832).transform(4326, clone=True)
    return point.x, point.y


def test_one_tile_carries_every_requested_layer(client, imported_plan):
    _plan, layers = imported_plan
    response = client.get(_tile_url([layers["uses"], layers["overlay"]]))
    assert response.status_code == 200
    decoded = mapbox_vector_tile.decode(response.content)
    assert set(decoded) == {str(layers["uses"].uid), str(layers["overlay"].uid)}
    keys = sorted(f["properties"]["key"] for f in decoded[str(layers["uses"].uid)]["features"])
    assert keys == ["1200", "1500"]
    etag = response["ETag"]
    assert client.get(_tile_url([layers["uses"], layers["overlay"]]),
                      HTTP_IF_NONE_MATCH=etag).status_code == 304
    Layer.objects.filter(pk=layers["overlay"].pk).update(version=7)
    assert client.get(_tile_url([layers["uses"], layers["overlay"]]),
                      HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_layer_set_refuses_unreadable_unknown_and_too_many_layers(client, imported_plan):
    _plan, layers = imported_plan
    Layer.objects.filter(pk=layers["hidden"].pk).update(is_public=False)
    assert client.get(_tile_url([layers["uses"], layers["hidden"]])).status_code == 404
    assert client.get("/tiles/layersets/16/1/1.pbf?layers=nonsense").status_code == 404
    assert client.get("/tiles/layersets/16/1/1.pbf").status_code == 404
    many = ",".join(str(layers["uses"].uid)[:-3] + f"{n:03d}" for n in range(51))
    assert client.get(f"/tiles/layersets/16/1/1.pbf?layers={many}").status_code == 404


def test_plan_page_has_one_tile_source_legend_titles_and_labels(client, imported_plan):
    plan, layers = imported_plan
    response = client.get(plan.get_absolute_url(), **DE)
    config = response.context["map_config"]
    assert config["layerSetTiles"] == "/tiles/layersets/{z}/{x}/{y}.pbf"
    by_uid = {layer["uid"]: layer for layer in config["layers"]}
    uses = by_uid[str(layers["uses"].uid)]
    assert uses["tile_layer"] == str(layers["uses"].uid)
    assert uses["name"] == "Baugebietsteilfläche"
    assert uses["labels"] == {"1200": "Allgemeines Wohngebiet (WA)", "1500": "Mischgebiet (MI)"}
    assert by_uid[str(layers["overlay"].uid)]["name"] == "Überbaubare Grundstücksfläche"
    assert by_uid[str(layers["hidden"].uid)]["visible"] is False
    page = response.content.decode()
    assert "BP_UeberbaubareGrundstuecksFlaeche" not in page
    assert 'class="map-legend"' in page and "Legende" in page
    assert "Allgemeines Wohngebiet (WA)" in page and "Mischgebiet (MI)" in page
    assert f'fill="{xplan_styles.BESONDERE_ART_COLOURS["1200"][0]}"' in page
    english = client.get(plan.get_absolute_url(), **EN).content.decode()
    assert "General residential area (WA)" in english and "Buildable plot area" in english
    assert "Legend" in english


def test_plan_api_gives_layer_titles(client, imported_plan):
    plan, layers = imported_plan
    data = client.get(f"/api/plans/{plan.uid}/", **DE).json()
    titles = {layer["name"]: layer["title"] for layer in data["properties"]["layers"]}
    assert titles["BP_UeberbaubareGrundstuecksFlaeche"] == "Überbaubare Grundstücksfläche"


def test_object_lists_name_uses_not_codes(imported_plan):
    text = feature_text(layer_name="BP_BaugebietsTeilFlaeche", label="WA",
                        feature_class="BP_BaugebietsTeilFlaeche", key="1500",
                        style={"attribute": "besondereArtDerBaulNutzung"})
    assert "1500" not in text and "BP_" not in text
    assert text.endswith("Mischgebiet (MI)") or text.endswith("Mixed area (MI)")


def test_uploaded_style_attribute_colours_each_value():
    style = with_value_styles({"attribute": "nutzung"}, ["WA", "MI", "WA", ""])
    assert set(style["values"]) == {"WA", "MI"}
    assert style["values"]["WA"]["fillColor"] != style["values"]["MI"]["fillColor"]
    kept = with_value_styles({"attribute": "n", "values": {"WA": {"fillColor": "#123456"}}},
                             ["WA", "MI"])
    assert kept["values"]["WA"] == {"fillColor": "#123456"}


def test_search_without_geocoder_is_honest(client, imported_plan, settings):
    settings.PORTAL_GEOCODER_URL = ""
    page = client.get("/", **DE).content.decode()
    assert "Gemeinde, Planname oder -nummer" in page and "Adresse" not in page
    response = client.get("/", {"q": "Bachweg 3"}, **DE).content.decode()
    assert "keine Adressen" in response and "Schreibweise" not in response
    assert "Pläne nach Stand" in page and "in Kraft" in page  # legend of the state map
    empty = client.get("/", {"lat": "51.5", "lon": "12.0"}, **DE).content.decode()
    assert "Schreibweise" not in empty and 'id="no-plan-here"' in empty
    settings.PORTAL_GEOCODER_URL = "http://127.0.0.1:9/search"
    assert "Adresse" in client.get("/", **DE).content.decode()


def test_drawing_controls_speak_plainly(client, imported_plan):
    from portal.templatetags.portal_map import portal_map

    with translation.override("de"):
        words = portal_map("m", label="Karte")["config"]["text"]["drawing"]
    assert words == {"point": "Punkt setzen", "line": "Linie zeichnen",
                     "area": "Fläche zeichnen", "edit": "Bearbeiten", "remove": "Löschen"}
    assert json.dumps(words)


def test_receipts_and_results_name_the_plan_object_by_its_use(imported_plan):
    from planning.maps.objects import describe_feature

    _plan, layers = imported_plan
    with translation.override("de"):
        feature = Feature.objects.select_related("layer").get(layer=layers["uses"], style_key="1500")
        assert describe_feature(feature) == "Baugebietsteilfläche – Mischgebiet (MI)"
