"""The vector tile query (gis/tiles/mvt.py, docs/performance.md "Vector tiles").

A feature whose bounding box touches the tile but whose geometry clips away must not appear in
the tile (on PostGIS the query leaves that to ST_AsMVT instead of filtering, which PostgreSQL
pushed into the scan and paid twice); on PostGIS each geometry is clipped and encoded once.
"""

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import LineString, Polygon
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gis.models import Feature, IngestStatus, Layer, LayerKind
from gis.srid import WEB_MERCATOR
from gis.tiles.grid import lonlat_to_tile
from gis.tiles.layer_set import FEATURE_PROPERTIES, encode_layer_set
from gis.tiles.mvt import encode_tile

pytestmark = pytest.mark.django_db

TILE = lonlat_to_tile(13.74, 51.05, 15)  # Dresden


def stored(geometry):
    geometry.srid = WEB_MERCATOR
    return geometry.transform(Feature._meta.get_field("geometry").srid, clone=True)


@pytest.fixture
def layer():
    layer = Layer.objects.create(name="tile query", kind=LayerKind.VECTOR,
                                 status=IngestStatus.DONE, is_public=True)
    minx, miny, maxx, maxy = TILE.bounds
    w = maxx - minx
    inside = Polygon.from_bbox((minx + 0.4 * w, miny + 0.4 * w, minx + 0.6 * w, miny + 0.6 * w))
    # Passes the tile's top-left corner outside; its bounding box overlaps the tile.
    corner = LineString((minx - 0.5 * w, maxy - 0.2 * w), (minx + 0.2 * w, maxy + 0.5 * w))
    far = Polygon.from_bbox((maxx + 3 * w, maxy + 3 * w, maxx + 4 * w, maxy + 4 * w))
    for index, (label, geometry) in enumerate(
            [("inside", inside), ("corner", corner), ("far", far)]):
        Feature.objects.create(layer=layer, geometry=stored(geometry), label=label,
                               source_index=index)
    return layer


def tile_of(layer) -> bytes:
    return encode_tile(Feature.objects.filter(layer=layer), geometry_field="geometry",
                       properties=FEATURE_PROPERTIES, tile=TILE, layer_name="features")


def test_only_features_whose_geometry_reaches_the_tile_are_in_it(layer):
    decoded = mapbox_vector_tile.decode(tile_of(layer))
    labels = [feature["properties"]["label"] for feature in decoded["features"]["features"]]
    assert labels == ["inside"]


def test_postgis_clips_and_encodes_each_geometry_once(layer):
    if connection.vendor != "postgresql":
        pytest.skip("the tile SQL is PostGIS's; SpatiaLite encodes in Python")
    with CaptureQueriesContext(connection) as queries:
        tile_of(layer)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (VERBOSE, COSTS OFF) " + queries.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall()).lower()
    assert plan.count("st_asmvtgeom(") == 1, plan


def test_a_layer_set_holds_each_layer_touching_the_tile_built_in_one_query(layer):
    other = Layer.objects.create(name="second", kind=LayerKind.VECTOR,
                                 status=IngestStatus.DONE, is_public=True)
    minx, miny, maxx, maxy = TILE.bounds
    w = maxx - minx
    Feature.objects.create(layer=other, label="second inside", geometry=stored(
        Polygon.from_bbox((minx + 0.1 * w, miny + 0.1 * w, minx + 0.2 * w, miny + 0.2 * w))))
    empty = Layer.objects.create(name="elsewhere", kind=LayerKind.VECTOR,
                                 status=IngestStatus.DONE, is_public=True)
    Feature.objects.create(layer=empty, label="far", geometry=stored(
        Polygon.from_bbox((maxx + 5 * w, maxy, maxx + 6 * w, maxy + w))))
    with CaptureQueriesContext(connection) as queries:
        data = encode_layer_set([layer, empty, other], TILE)
    decoded = mapbox_vector_tile.decode(data)
    assert list(decoded) == [str(layer.uid), str(other.uid)]
    labels = {name: [f["properties"]["label"] for f in content["features"]]
              for name, content in decoded.items()}
    assert labels == {str(layer.uid): ["inside"], str(other.uid): ["second inside"]}
    if connection.vendor == "postgresql":
        assert len(queries.captured_queries) == 1
    assert encode_layer_set([empty], TILE) == b""
