"""A real plan scan: ../shared/data/xplan/Blankenese29.png + .pgw (EPSG:25832, Hamburg).

The expected position is computed here from the world file, independently of gis.raster: the
world file names the centre of the upper-left pixel, so the image's corner lies half a pixel
further out. The COG is then checked where it matters: warped back into EPSG:25832, its opaque
area must coincide with the PNG's opaque area (within a pixel), and its XYZ tiles must show the
plan's pixels at the right place and nothing outside.
"""

import io
from pathlib import Path

import pytest
from osgeo import gdal, osr
from PIL import Image

from gis.raster import tiles, webmercator
from gis.raster.pipeline import convert_to_cog

from .helpers import pixel, tile_and_pixel, to_3857

pytestmark = pytest.mark.shared_data

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "xplan"
OPAQUE = bytes(0 if value < 128 else 1 for value in range(256))


@pytest.fixture(scope="module")
def plan():
    """The source facts, read without gis.raster."""
    png, pgw = SHARED / "Blankenese29.png", SHARED / "Blankenese29.pgw"
    if not png.exists():
        pytest.skip("../shared/data is absent: the genuine public sample files are not here")
    a, d, b, e, c, f = (float(line) for line in pgw.read_text().split())
    assert b == d == 0.0
    dataset = gdal.OpenEx(str(png), allowed_drivers=["PNG"])
    width, height = dataset.RasterXSize, dataset.RasterYSize
    rgba = dataset.ReadRaster(
        band_list=[1, 2, 3, 4], buf_pixel_space=4, buf_line_space=4 * width, buf_band_space=1
    )
    west, north = c - a / 2, f - e / 2  # corner = centre of the upper-left pixel - half a pixel
    return {
        "png": png,
        "pgw": pgw,
        "a": a,
        "e": e,
        "c": c,
        "f": f,
        "width": width,
        "height": height,
        "rgba": rgba,
        "bounds": (west, north + height * e, west + width * a, north),
    }


@pytest.fixture(scope="module")
def cog(plan, tmp_path_factory):
    out = tmp_path_factory.mktemp("blankenese") / "Blankenese29.cog.tif"
    return convert_to_cog(plan["png"], out_path=out, world_file=plan["pgw"], srid=25832)


def opaque_extent(alpha: bytes, width: int, height: int) -> tuple[int, int, int, int]:
    """(first col, first row, last col, last row) with alpha >= 128."""
    mask = alpha.translate(OPAQUE)
    rows = [mask[i * width : (i + 1) * width] for i in range(height)]
    filled = [i for i, row in enumerate(rows) if 1 in row]
    return (
        min(row.find(1) for row in rows if 1 in row),
        filled[0],
        max(row.rfind(1) for row in rows),
        filled[-1],
    )


def test_metadata_matches_the_world_file(plan, cog):
    assert cog["source_srid"] == 25832
    assert (cog["width"], cog["height"], cog["bands"]) == (plan["width"], plan["height"], 4)
    assert cog["bounds_source"] == pytest.approx(plan["bounds"], abs=1e-6)
    minlon, minlat, maxlon, maxlat = cog["bounds_wgs84"]
    assert 9.79 < minlon < maxlon < 9.81 and 53.55 < minlat < maxlat < 53.57  # Blankenese
    assert cog["max_zoom"] in (18, 19)  # 0.25 m pixels at 53.6°N
    assert cog["min_zoom"] < cog["max_zoom"]


def test_cog_warped_back_covers_exactly_the_image(plan, cog):
    a, e, pad = plan["a"], plan["e"], 20
    west, south, east, north = plan["bounds"]
    back = gdal.Warp(
        "",
        cog["output_path"],
        format="MEM",
        dstSRS="EPSG:25832",
        outputBounds=(west - pad * a, south + pad * e, east + pad * a, north - pad * e),
        xRes=a,
        yRes=-e,
        resampleAlg="near",
    )
    width, height = back.RasterXSize, back.RasterYSize
    col0, row0, col1, row1 = opaque_extent(back.GetRasterBand(4).ReadRaster(), width, height)
    # Back in metres (pixel edges) and compared with the source's opaque area, which is the
    # whole image (the plan has opaque pixels in its first and last rows and columns).
    source = opaque_extent(plan["rgba"][3::4], plan["width"], plan["height"])
    assert source == (0, 0, plan["width"] - 1, plan["height"] - 1)
    gt = back.GetGeoTransform()
    found = (gt[0] + col0 * a, gt[3] + (row1 + 1) * e, gt[0] + (col1 + 1) * a, gt[3] + row0 * e)
    tolerance = (abs(a), abs(e), abs(a), abs(e))
    for got, expected, tol in zip(found, plan["bounds"], tolerance, strict=True):
        assert got == pytest.approx(expected, abs=1.01 * tol)


def find_uniform_block(plan, *, size: int = 9) -> tuple[int, int, tuple[float, ...], int]:
    """The most uniform opaque size x size block near the image centre.

    Returns (col, row, mean rgb, spread): the block's centre pixel, its mean colour and the
    largest deviation of any pixel of the block from that mean (scans are noisy).
    """
    width, rgba, half = plan["width"], plan["rgba"], size // 2
    best = None
    for row in range(plan["height"] // 2 - 300, plan["height"] // 2 + 300, 7):
        for col in range(plan["width"] // 2 - 300, plan["width"] // 2 + 300, 7):
            block = [
                rgba[((row + dy) * width + col + dx) * 4 : ((row + dy) * width + col + dx) * 4 + 4]
                for dy in range(-half, half + 1)
                for dx in range(-half, half + 1)
            ]
            if any(value[3] != 255 for value in block):
                continue
            mean = tuple(sum(value[k] for value in block) / len(block) for k in range(3))
            spread = max(abs(value[k] - mean[k]) for value in block for k in range(3))
            if best is None or spread < best[3]:
                best = (col, row, mean, spread)
    assert best is not None and best[3] <= 40, "no opaque, fairly uniform block in the plan"
    return best


@pytest.mark.parametrize("zoom_offset", [0, -1, -2, 1])
def test_tile_over_an_interior_point_shows_the_plan(plan, cog, zoom_offset):
    col, row, colour, spread = find_uniform_block(plan)
    # Pixel centre -> EPSG:25832 via the world file (which names pixel centres).
    x, y = plan["c"] + plan["a"] * col, plan["f"] + plan["e"] * row
    z = cog["max_zoom"] + zoom_offset
    tx, ty, px, py = tile_and_pixel(*to_3857(25832, x, y), z)
    png = tiles.render_tile(cog["output_path"], z, tx, ty)
    assert png is not None
    r, g, b, alpha = pixel(png, px, py)
    assert alpha == 255
    if zoom_offset >= 0:  # at lower zooms, averaging mixes in the neighbourhood
        assert max(abs(r - colour[0]), abs(g - colour[1]), abs(b - colour[2])) <= spread + 8


def test_tiles_far_away_or_beside_the_plan_are_none(cog):
    z = cog["max_zoom"]
    tx, ty, _px, _py = tile_and_pixel(*to_3857(4326, 13.7373, 51.0504), z)  # Dresden
    assert tiles.render_tile(cog["output_path"], z, tx, ty) is None
    xmin, ymin, xmax, ymax = webmercator.tile_range(cog["bounds_3857"], z)
    assert tiles.render_tile(cog["output_path"], z, xmax + 2, ymin) is None
    assert tiles.render_tile(cog["output_path"], z, xmin, ymax + 3) is None
    assert tiles.render_tile(cog["output_path"], 2, 0, 0) is None


def test_border_tiles_are_transparent_outside_the_image(plan, cog):
    """Every pixel of a border tile that lies outside the plan is fully transparent; the tiles
    still show the plan inside."""
    z = cog["max_zoom"] - 2
    west, south, east, north = plan["bounds"]
    to_25832 = osr.CoordinateTransformation(*_srs_pair(3857, 25832))
    shown = 0
    for _z, x, y in webmercator.tiles_covering(cog["bounds_3857"], z):
        png = tiles.render_tile(cog["output_path"], z, x, y)
        if png is None:
            continue
        shown += 1
        minx, _miny, maxx, maxy = webmercator.tile_bounds(z, x, y)
        step = (maxx - minx) / 256
        # A tile pixel averages everything it covers: only pixels whose whole footprint lies
        # outside (by more than a source pixel) must be fully transparent.
        margin = abs(plan["a"]) * 1.5 + step
        centres = [
            (minx + (i + 0.5) * step, maxy - (j + 0.5) * step)
            for j in range(256)
            for i in range(256)
        ]
        image = Image.open(io.BytesIO(png))
        alpha = image.getchannel("A").tobytes()
        outside = 0
        for index, (px, py, _h) in enumerate(to_25832.TransformPoints(centres)):
            if (
                px < west - margin
                or px > east + margin
                or py < south - margin
                or py > north + margin
            ):
                outside += 1
                assert alpha[index] == 0, f"opaque pixel outside the plan in tile {z}/{x}/{y}"
        assert outside > 0  # it is a border tile
    assert shown >= 1


def _srs_pair(source: int, target: int):
    pair = []
    for code in (source, target):
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(code)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        pair.append(srs)
    return pair
