"""render_tile on our own COGs: direct reads at stored zooms, transparency, resampling outside."""

import io
import os
import shutil

import pytest
from osgeo import gdal
from PIL import Image

from gis.raster import tiles, webmercator
from gis.raster.pipeline import convert_to_cog

from .helpers import make_geotiff, pixel, tile_and_pixel, to_3857

CENTRE = (411500.0, 5655750.0)  # EPSG:25833, inside the test image


@pytest.fixture(scope="module")
def cog(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tiles")
    source = make_geotiff(directory / "plan.tif", width=1000, height=500, color=(30, 60, 90))
    return convert_to_cog(source, out_path=directory / "plan.cog.tif")


def centre_tile(cog, z, size=256):
    return tile_and_pixel(*to_3857(25833, *CENTRE), z, size)


def test_tile_at_the_cogs_zoom_is_its_stored_block(cog):
    z = cog["max_zoom"]
    tx, ty, _px, _py = centre_tile(cog, z)
    png = tiles.render_tile(cog["output_path"], z, tx, ty)
    dataset = gdal.Open(cog["output_path"])
    x0, res, _b, y0, _d, _e = dataset.GetGeoTransform()
    minx, _miny, _maxx, maxy = webmercator.tile_bounds(z, tx, ty)
    col, row = round((minx - x0) / res), round((y0 - maxy) / res)
    assert col % 256 == 0 and row % 256 == 0  # tiles are blocks
    stored = dataset.ReadRaster(
        col, row, 256, 256, band_list=[1, 2, 3, 4],
        buf_pixel_space=4, buf_line_space=1024, buf_band_space=1,
    )  # fmt: skip
    assert Image.open(io.BytesIO(png)).tobytes() == bytes(stored)


@pytest.mark.parametrize("offset", [-3, -1, 0, 2, 5])
def test_centre_is_opaque_at_every_zoom(cog, offset):
    z = cog["max_zoom"] + offset
    tx, ty, px, py = centre_tile(cog, z)
    png = tiles.render_tile(cog["output_path"], z, tx, ty)
    assert png is not None
    assert pixel(png, px, py) == (30, 60, 90, 255)


def test_far_below_the_coarsest_overview_still_works(cog):
    tx, ty, px, py = centre_tile(cog, 8)
    png = tiles.render_tile(cog["output_path"], 8, tx, ty)
    # The whole image is about one pixel wide at zoom 8: it shows, at least partly opaque.
    assert png is not None
    assert pixel(png, px, py)[3] > 0


def test_retina_tiles(cog):
    z = cog["max_zoom"] - 1
    tx, ty, px, py = centre_tile(cog, z, size=512)
    png = tiles.render_tile(cog["output_path"], z, tx, ty, size=512)
    image = Image.open(io.BytesIO(png))
    assert image.size == (512, 512)
    assert image.getpixel((px, py)) == (30, 60, 90, 255)


def test_edge_tile_is_transparent_outside(cog):
    z = cog["max_zoom"]
    # The image's north-west corner is (411000, 5656000) in EPSG:25833.
    tx, ty, px, py = tile_and_pixel(*to_3857(25833, 411002.0, 5655998.0), z)
    png = tiles.render_tile(cog["output_path"], z, tx, ty)
    assert png is not None
    assert pixel(png, px, py) == (30, 60, 90, 255)
    for outside in ((410997.0, 5655998.0), (411002.0, 5656003.0), (410997.0, 5656003.0)):
        otx, oty, opx, opy = tile_and_pixel(*to_3857(25833, *outside), z)
        if (otx, oty) == (tx, ty):
            assert pixel(png, opx, opy)[3] == 0
        else:
            other = tiles.render_tile(cog["output_path"], z, otx, oty)
            assert other is None or pixel(other, opx, opy)[3] == 0


@pytest.mark.parametrize(
    ("z", "x", "y"), [(-1, 0, 0), (3, 8, 0), (3, 0, 8), (31, 0, 0), (0, 0, 0), (5, 1, 1)]
)
def test_invalid_or_empty_tiles_are_none(cog, z, x, y):
    assert tiles.render_tile(cog["output_path"], z, x, y) is None


def test_replaced_file_is_reopened(cog, tmp_path):
    path = tmp_path / "layer.tif"
    shutil.copyfile(cog["output_path"], path)
    z = cog["max_zoom"]
    tx, ty, px, py = centre_tile(cog, z)
    assert pixel(tiles.render_tile(path, z, tx, ty), px, py) == (30, 60, 90, 255)
    other = make_geotiff(tmp_path / "other.tif", width=1000, height=500, color=(250, 0, 0))
    replacement = convert_to_cog(other, out_path=tmp_path / "other.cog.tif")
    os.replace(replacement["output_path"], path)
    assert pixel(tiles.render_tile(path, z, tx, ty), px, py) == (250, 0, 0, 255)


def test_zoom_range_matches_ingest_metadata(cog):
    assert tiles.zoom_range(cog["output_path"]) == (cog["min_zoom"], cog["max_zoom"])
