"""Raster layers end to end: upload -> sandboxed COG (task worker) -> XYZ tiles over the right
place. Uses the genuine Blankenese 29 scan with its world file (EPSG:25832)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from gis.models import IngestStatus
from gis.raster.worldfile import read_world_file
from gis.services.layers import create_raster_layer
from gis.tiles.grid import lonlat_to_tile

pytestmark = pytest.mark.django_db(transaction=True)


def upload(path):
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_blankenese_scan_becomes_tiles_over_the_world_file_position(client, shared_data, queue_upload):
    png = shared_data / "xplan" / "Blankenese29.png"
    pgw = shared_data / "xplan" / "Blankenese29.pgw"
    layer = queue_upload(create_raster_layer, name="Blankenese 29", upload=upload(png),
                         world_file=upload(pgw), srid=25832)
    assert layer.status == IngestStatus.DONE, layer.status_message
    assert layer.cog_file.name == f"private/layers/{layer.uid}/raster.tif"
    with open(layer.cog_file.path, "rb") as handle:
        assert handle.read(4) in (b"II*\x00", b"II+\x00")

    # The centre of the image according to the world file, in WGS84.
    world = read_world_file(pgw)
    width, height = Image.open(png).size
    from django.contrib.gis.geos import Point

    gt = world.geotransform()
    centre = Point(gt[0] + gt[1] * width / 2 + gt[2] * height / 2,
                   gt[3] + gt[4] * width / 2 + gt[5] * height / 2, srid=25832)
    centre.transform(4326)
    # The layer's extent (storage SRID) contains that centre too.
    assert layer.extent.contains(centre.transform(25832, clone=True))

    layer.is_public = True
    layer.save()
    zoom = layer.raster_info["max_zoom"] - 1
    tile = lonlat_to_tile(centre.x, centre.y, zoom)
    response = client.get(f"/tiles/layers/{layer.uid}/{tile.z}/{tile.x}/{tile.y}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("RGBA")
    assert image.size == (256, 256)
    # The pixel under the centre point is opaque (the scan is there).
    import math

    n = 2 ** zoom
    px = ((centre.x + 180) / 360 * n - tile.x) * 256
    lat = math.radians(centre.y)
    py = ((1 - math.asinh(math.tan(lat)) / math.pi) / 2 * n - tile.y) * 256
    assert image.getpixel((int(px), int(py)))[3] == 255
    # Far away there is nothing: 204.
    far = lonlat_to_tile(8.0, 48.0, zoom)
    assert client.get(f"/tiles/layers/{layer.uid}/{far.z}/{far.x}/{far.y}.png").status_code == 204


def test_png_without_world_file_is_refused_at_once(tmp_path):
    image = io.BytesIO()
    Image.new("RGB", (10, 10)).save(image, "PNG")
    from gis.errors import InputError

    with pytest.raises(InputError, match="world file"), translation.override("en"):
        create_raster_layer(name="x", upload=SimpleUploadedFile("scan.png", image.getvalue()),
                            srid=25832)


def test_disguised_raster_fails_with_reason(queue_upload):
    fake = SimpleUploadedFile("plan.tif", b"%PDF-1.7\n" + b"0" * 2000)
    with translation.override("en"):
        layer = queue_upload(create_raster_layer, name="x", upload=fake)
    assert layer.status == IngestStatus.FAILED
    assert "PDF" in layer.status_message
    assert not layer.cog_file
