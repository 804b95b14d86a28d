"""TileJSON 3.0.0 of the plans' and the published layers' vector tiles, linked from the OGC API;
the tile URL template it names serves the tiles."""

import pytest

from gis.tiles.grid import lonlat_to_tile

from .helpers import get, get_json, links, one_link

pytestmark = pytest.mark.django_db


def _tile_of(document: dict, zoom: int = 14):
    west, south, east, north = document["bounds"]
    tile = lonlat_to_tile((west + east) / 2, (south + north) / 2, zoom)
    url = document["tiles"][0].replace("{z}", str(tile.z)).replace("{x}", str(tile.x))
    return url.replace("{y}", str(tile.y))


def _check_tilejson(document: dict, layer_id: str, fields: set[str]):
    assert document["tilejson"] == "3.0.0"
    assert document["tiles"][0].startswith("http://testserver/tiles/")
    assert "{z}/{x}/{y}.pbf" in document["tiles"][0]
    assert 0 <= document["minzoom"] < document["maxzoom"] <= 22
    west, south, east, north = document["bounds"]
    assert 12 < west < east < 16 and 50 < south < north < 52
    assert west <= document["center"][0] <= east and south <= document["center"][1] <= north
    [vector_layer] = document["vector_layers"]
    assert vector_layer["id"] == layer_id and set(vector_layer["fields"]) == fields


def test_plans_tilejson_from_the_landing_page(client, world):
    landing = get_json(client, "/ogcapi/")
    url = one_link(landing, "describedby")
    document = get_json(client, url)
    _check_tilejson(document, "plans", {"uid", "name", "number", "status", "kind", "authority",
                                        "authority_name"})
    tile = get(client, _tile_of(document, 10))
    assert tile.status_code == 200
    assert tile["Content-Type"] == "application/vnd.mapbox-vector-tile"


def test_plans_in_force_link_the_filtered_tiles(client, world):
    collection = get_json(client, "/ogcapi/collections/plans-in-force")
    document = get_json(client, one_link(collection, "describedby"))
    assert document["tiles"][0].endswith(".pbf?status=in_force")
    assert client.get("/ogcapi/tilejson/plans.json", {"status": "alle"}).status_code == 400


def test_layer_tilejson_from_its_collection(client, world):
    layer = world["layer"]
    collection = get_json(client, f"/ogcapi/collections/{layer.uid}")
    document = get_json(client, one_link(collection, "describedby"))
    _check_tilejson(document, "features", {"id", "class", "key", "label"})
    assert document["tiles"][0].endswith(f".pbf?v={layer.version}")
    assert document["name"].startswith("Bebauungsplan Am Bach")
    tile = get(client, _tile_of(document, 16))
    assert tile.status_code == 200


def test_tilejson_of_an_unpublished_or_unknown_layer_is_404(client, world):
    for uid in (world["hidden_layer"].uid, "00000000-0000-4000-8000-000000000000"):
        assert client.get(f"/ogcapi/tilejson/layers/{uid}.json").status_code == 404


def test_every_collection_links_a_tilejson(client, world):
    for collection in get_json(client, "/ogcapi/collections")["collections"]:
        assert links(collection, "describedby", "application/json"), collection["id"]
