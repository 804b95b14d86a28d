"""The COG of a raster layer is private: tiles of a non-public layer are a view's decision."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from osgeo import gdal, osr

from gis.models import IngestStatus
from gis.services.layers import create_raster_layer

pytestmark = pytest.mark.django_db(transaction=True)


def geotiff(tmp_path) -> bytes:
    path = tmp_path / "scan.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), 20, 10, 1, gdal.GDT_Byte)
    dataset.SetGeoTransform((820_000, 10, 0, 5_655_400, 0, -10))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).Fill(128)
    dataset = None
    return path.read_bytes()


def test_the_cog_is_stored_under_private(settings, tmp_path, queue_upload):
    settings.MEDIA_ROOT = tmp_path / "media"
    layer = queue_upload(create_raster_layer, name="Scan",
                         upload=SimpleUploadedFile("scan.tif", geotiff(tmp_path)))
    assert layer.status == IngestStatus.DONE, layer.status_message
    assert layer.cog_file.name == f"private/layers/{layer.uid}/raster.tif"
