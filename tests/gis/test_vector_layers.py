"""Vector layers: upload -> background ingest -> MVT/GeoJSON, on SpatiaLite and PostGIS."""

import mapbox_vector_tile
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from gis.errors import InputError
from gis.models import Feature, IngestStatus, Layer
from gis.services.layers import create_vector_layer
from gis.tiles.grid import lonlat_to_tile

from ..vector_files import rectangle_wkt, write_vector, zip_shapefile

pytestmark = pytest.mark.django_db(transaction=True)

# Two areas in Dresden, EPSG:25833 (E 411 100 / N 5 654 100 is 13.7322°E 51.0316°N).
ROWS = [
    {"GEN": "Wohngebiet", "AGS": "1200", "ARS": "x", "wkt": rectangle_wkt(411000, 5654000, 200)},
    {"GEN": "Gewerbe", "AGS": "1700", "ARS": "y", "wkt": rectangle_wkt(411300, 5654000, 200)},
]
DRESDEN_TILE = lonlat_to_tile(13.7322, 51.0316, 12)


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def ingest(queue_upload, path, **kwargs):
    return queue_upload(create_vector_layer, name="Test", upload=upload(path), **kwargs)


def decoded_tile(client, layer, tile=DRESDEN_TILE):
    response = client.get(f"/tiles/layers/{layer.uid}/{tile.z}/{tile.x}/{tile.y}.pbf")
    return response, (mapbox_vector_tile.decode(response.content) if response.content else {})


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "shapezip", "kml"])
def test_formats_ingest_and_render_as_vector_tiles(client, tmp_path, queue_upload, fmt):
    if fmt == "geojson":
        path = write_vector(tmp_path / "l.geojson", "GeoJSON", ROWS, epsg=25833)
    elif fmt == "gpkg":
        path = write_vector(tmp_path / "l.gpkg", "GPKG", ROWS, epsg=25833)
    elif fmt == "kml":
        path = write_vector(tmp_path / "l.kml", "KML", ROWS, epsg=4326,
                            fields=("Name",)) if False else None
        path = tmp_path / "l.kml"
        path.write_text(KML)
    else:
        shp = write_vector(tmp_path / "l.shp", "ESRI Shapefile", ROWS, epsg=25833)
        path = zip_shapefile(shp, tmp_path / "l.zip")
    layer = ingest(queue_upload, path, style={"attribute": "AGS" if fmt != "kml" else "Name"})
    assert layer.status == IngestStatus.DONE, layer.status_message
    assert layer.feature_count == 2 and Feature.objects.filter(layer=layer).count() == 2
    assert layer.extent.srid == 25832
    layer.is_public = True
    layer.save()
    response, tile = decoded_tile(client, layer)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    features = tile["features"]["features"]
    assert len(features) == 2
    keys = sorted(f["properties"]["key"] for f in features)
    assert keys == (["1200", "1700"] if fmt != "kml" else ["Gewerbe", "Wohngebiet"])


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Wohngebiet</name><Polygon><outerBoundaryIs><LinearRing><coordinates>
13.7310,51.0310 13.7320,51.0310 13.7320,51.0320 13.7310,51.0320 13.7310,51.0310
</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
<Placemark><name>Gewerbe</name><Polygon><outerBoundaryIs><LinearRing><coordinates>
13.7330,51.0310 13.7340,51.0310 13.7340,51.0320 13.7330,51.0320 13.7330,51.0310
</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>"""


def test_attributes_are_kept_and_geojson_is_wgs84(client, tmp_path, queue_upload):
    layer = ingest(queue_upload, write_vector(tmp_path / "l.geojson", "GeoJSON", ROWS, epsg=25833))
    layer.is_public = True
    layer.save()
    data = client.get(f"/api/layers/{layer.uid}/features.geojson").json()
    names = sorted(f["properties"]["GEN"] for f in data["features"])
    assert names == ["Gewerbe", "Wohngebiet"]
    lon, lat = data["features"][0]["geometry"]["coordinates"][0][0]
    assert 13.7 < lon < 13.8 and 51.0 < lat < 51.1


def test_tile_outside_is_empty_and_unchanged_tile_is_304(client, tmp_path, queue_upload):
    layer = ingest(queue_upload, write_vector(tmp_path / "l.gpkg", "GPKG", ROWS, epsg=25833))
    layer.is_public = True
    layer.save()
    far = lonlat_to_tile(9.0, 48.0, 14)
    assert client.get(f"/tiles/layers/{layer.uid}/{far.z}/{far.x}/{far.y}.pbf").status_code == 204
    first, _ = decoded_tile(client, layer)
    etag = first["ETag"]
    again = client.get(f"/tiles/layers/{layer.uid}/{DRESDEN_TILE.z}/{DRESDEN_TILE.x}/{DRESDEN_TILE.y}.pbf",
                       HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    # A change of the layer (new version, saved as every ingest does) invalidates the tile.
    layer.version += 1
    layer.save()
    changed = client.get(f"/tiles/layers/{layer.uid}/{DRESDEN_TILE.z}/{DRESDEN_TILE.x}/{DRESDEN_TILE.y}.pbf",
                         HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_unpublished_layer_is_404_and_bad_tile_numbers_are_404(client, tmp_path, queue_upload):
    layer = ingest(queue_upload, write_vector(tmp_path / "l.gpkg", "GPKG", ROWS, epsg=25833))
    t = DRESDEN_TILE
    assert client.get(f"/tiles/layers/{layer.uid}/{t.z}/{t.x}/{t.y}.pbf").status_code == 404
    assert client.get(f"/api/layers/{layer.uid}/features.geojson").status_code == 404
    layer.is_public = True
    layer.save()
    assert client.get(f"/tiles/layers/{layer.uid}/3/8/0.pbf").status_code == 404
    assert client.get(f"/tiles/layers/{layer.uid}/30/0/0.pbf").status_code == 404


@pytest.mark.parametrize(
    ("case", "fragment"),
    [
        ("no_crs", "coordinate reference system"),
        ("corrupt", "cannot be read"),
        ("zip_slip", "points outside the archive"),
        ("empty", "no features"),
    ],
)
def test_bad_files_fail_with_reason_and_leave_no_features(tmp_path, queue_upload, case, fragment):
    if case == "no_crs":
        shp = write_vector(tmp_path / "l.shp", "ESRI Shapefile", ROWS, epsg=None)
        path = zip_shapefile(shp, tmp_path / "l.zip")
    elif case == "corrupt":
        path = tmp_path / "l.gpkg"
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    elif case == "zip_slip":
        import zipfile

        path = tmp_path / "l.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("../../outside/l.shp", b"x")
    else:
        path = tmp_path / "l.geojson"
        path.write_text('{"type": "FeatureCollection", "features": []}')
    with translation.override("en"):
        layer = ingest(queue_upload, path)
    assert layer.status == IngestStatus.FAILED
    assert fragment in layer.status_message
    assert Feature.objects.filter(layer=layer).count() == 0


def test_upload_of_unaccepted_type_is_refused_at_once():
    with pytest.raises(InputError, match=".exe"), translation.override("en"):
        create_vector_layer(name="x", upload=SimpleUploadedFile("evil.exe", b"MZ"))
    assert Layer.objects.count() == 0
