"""GeoTIFF / PNG / JPEG uploads become COGs in the XYZ grid (through the sandbox, real GDAL)."""

import io

import pytest
from osgeo import gdal
from PIL import Image

from gis.errors import InputError
from gis.raster import tiles
from gis.raster.limits import RasterLimits
from gis.raster.pipeline import convert_to_cog

from .helpers import make_geotiff, pixel, tile_and_pixel, to_3857, write_world_file

# Dresden, EPSG:25833: 200 x 100 pixels of 1 m.
ORIGIN_25833 = (411000.0, 5656000.0)
EXPECTED_25833 = [411000.0, 5655900.0, 411200.0, 5656000.0]


def centre_pixel(result: dict, srid: int, x: float, y: float, z: int | None = None):
    z = z if z is not None else result["max_zoom"]
    tx, ty, col, row = tile_and_pixel(*to_3857(srid, x, y), z)
    png = tiles.render_tile(result["output_path"], z, tx, ty)
    assert png is not None
    return pixel(png, col, row)


def test_geotiff_with_crs(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif")
    result = convert_to_cog(source, out_path=tmp_path / "plan.cog.tif")
    assert result["source_srid"] == 25833
    assert result["crs_source"] == "file"
    assert result["georeference_source"] == "file"
    assert (result["width"], result["height"], result["bands"]) == (200, 100, 3)
    assert result["bounds_source"] == pytest.approx(EXPECTED_25833)
    minlon, minlat, maxlon, maxlat = result["bounds_wgs84"]
    assert 13.7 < minlon < maxlon < 13.8 and 51.0 < minlat < maxlat < 51.1
    assert result["output_bands"] == 4  # RGB + alpha
    assert result["max_zoom"] in (17, 18)  # 1 m pixels at 51°N
    assert result["min_zoom"] <= result["max_zoom"]
    assert result["checksum"].startswith("sha256:") and len(result["checksum"]) == 71
    assert result["output_bytes"] == (tmp_path / "plan.cog.tif").stat().st_size
    assert result["warnings"] == []
    r, g, b, a = centre_pixel(result, 25833, 411100.0, 5655950.0)
    assert (r, g, b, a) == (200, 100, 50, 255)


def test_threads_change_the_speed_not_the_pixels(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif", width=1000, height=800)
    outputs = [convert_to_cog(source, out_path=tmp_path / f"out-{threads}.tif",
                              limits=RasterLimits(threads=threads))
               for threads in (1, 3)]
    datasets = [gdal.Open(result["output_path"]) for result in outputs]
    assert outputs[0]["extent_3857"] == outputs[1]["extent_3857"]
    for level in (None, 0):  # full resolution and the first overview
        bands = [[dataset.GetRasterBand(index) for index in range(1, 5)] for dataset in datasets]
        if level is not None:
            bands = [[band.GetOverview(level) for band in group] for group in bands]
        assert [band.ReadRaster() for band in bands[0]] == [band.ReadRaster() for band in bands[1]]


def test_output_is_a_cog_in_the_google_maps_grid(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif", width=1000, height=800)
    result = convert_to_cog(source, out_path=tmp_path / "out.tif")
    dataset = gdal.Open(result["output_path"])
    assert dataset.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE") == "COG"
    assert dataset.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE") == "DEFLATE"
    assert dataset.GetRasterBand(1).GetBlockSize() == [256, 256]
    assert dataset.GetRasterBand(4).GetColorInterpretation() == gdal.GCI_AlphaBand
    assert dataset.GetRasterBand(1).GetOverviewCount() >= 1
    assert "3857" in dataset.GetSpatialRef().GetAuthorityCode(None)
    x0, res, _b, y0, _d, _e = dataset.GetGeoTransform()
    from gis.raster import webmercator

    assert res == pytest.approx(webmercator.resolution(result["max_zoom"]))
    # The extent starts on a tile corner of the COG's own zoom level.
    tile_span = 256 * res
    assert ((x0 + webmercator.ORIGIN) / tile_span) == pytest.approx(
        round((x0 + webmercator.ORIGIN) / tile_span), abs=1e-6
    )
    assert ((webmercator.ORIGIN - y0) / tile_span) == pytest.approx(
        round((webmercator.ORIGIN - y0) / tile_span), abs=1e-6
    )


def test_geotiff_without_crs_takes_the_chosen_srid(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif", srid=None)
    result = convert_to_cog(source, out_path=tmp_path / "out.tif", srid=25833)
    assert result["source_srid"] == 25833
    assert result["crs_source"] == "chosen"
    assert result["bounds_source"] == pytest.approx(EXPECTED_25833)


def test_geotiff_own_crs_wins_over_the_chosen_one(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif")
    result = convert_to_cog(source, out_path=tmp_path / "out.tif", srid=25832)
    assert result["source_srid"] == 25833
    assert result["crs_source"] == "file"


def test_geotiff_without_crs_or_choice_is_refused(tmp_path, isolated_tmp):
    source = make_geotiff(tmp_path / "plan.tif", srid=None)
    out = tmp_path / "out" / "plan.cog.tif"
    out.parent.mkdir()
    with pytest.raises(InputError, match="declares no coordinate reference system"):
        convert_to_cog(source, out_path=out)
    assert list(out.parent.iterdir()) == []
    assert list(isolated_tmp.iterdir()) == []


def test_geotiff_without_georeference_needs_a_world_file(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif", origin=None)
    with pytest.raises(InputError, match="no georeference"):
        convert_to_cog(source, out_path=tmp_path / "out.tif")
    tfw = write_world_file(tmp_path / "plan.tfw", (1.0, 0.0, 0.0, -1.0, 411000.5, 5655999.5))
    result = convert_to_cog(source, out_path=tmp_path / "out.tif", world_file=tfw)
    assert result["georeference_source"] == "world_file"
    assert result["bounds_source"] == pytest.approx(EXPECTED_25833)


def test_gray_geotiff_and_source_metadata_is_dropped(tmp_path):
    source = make_geotiff(
        tmp_path / "plan.tif", bands=1, color=(90,), metadata={"TIFFTAG_ARTIST": "Erika Muster"}
    )
    result = convert_to_cog(source, out_path=tmp_path / "out.tif")
    assert result["band_layout"] == "gray"
    assert result["output_bands"] == 2  # gray + alpha
    dataset = gdal.Open(result["output_path"])
    assert "Erika" not in str(dataset.GetMetadata())
    assert centre_pixel(result, 25833, 411100.0, 5655950.0) == (90, 90, 90, 255)


def test_rgb_plus_unmarked_fourth_band_uses_rgb_and_warns(tmp_path):
    source = make_geotiff(
        tmp_path / "plan.tif",
        bands=4,
        color=(10, 20, 30, 0),
        options=("PHOTOMETRIC=RGB", "ALPHA=UNSPECIFIED"),
    )
    result = convert_to_cog(source, out_path=tmp_path / "out.tif")
    assert result["band_layout"] == "rgb"
    assert any("fourth band" in warning for warning in result["warnings"])
    assert centre_pixel(result, 25833, 411100.0, 5655950.0) == (10, 20, 30, 255)


def test_one_bit_scan_becomes_black_and_white(tmp_path):
    path = tmp_path / "scan.tif"
    make_geotiff(path, bands=1, color=(1,), options=("NBITS=1", "COMPRESS=CCITTFAX4"))
    result = convert_to_cog(path, out_path=tmp_path / "out.tif")
    assert centre_pixel(result, 25833, 411100.0, 5655950.0) == (255, 255, 255, 255)


def palette_png(path, *, transparent_index=None):
    image = Image.new("P", (200, 100))
    image.putpalette([200, 30, 40, 10, 120, 250] + [0, 0, 0] * 254)
    image.paste(1, (100, 0, 200, 100))  # right half: colour 1
    extra = {"transparency": transparent_index} if transparent_index is not None else {}
    image.save(path, **extra)
    return path


def test_palette_png_keeps_its_colours(tmp_path):
    png = palette_png(tmp_path / "plan.png")
    pgw = write_world_file(tmp_path / "plan.pgw", (1.0, 0.0, 0.0, -1.0, 411000.5, 5655999.5))
    result = convert_to_cog(png, out_path=tmp_path / "out.tif", world_file=pgw, srid=25833)
    assert result["band_layout"] == "rgb"
    assert centre_pixel(result, 25833, 411050.0, 5655950.0) == (200, 30, 40, 255)
    assert centre_pixel(result, 25833, 411150.0, 5655950.0) == (10, 120, 250, 255)


def test_palette_png_transparency_survives(tmp_path):
    png = palette_png(tmp_path / "plan.png", transparent_index=1)
    pgw = write_world_file(tmp_path / "plan.pgw", (1.0, 0.0, 0.0, -1.0, 411000.5, 5655999.5))
    result = convert_to_cog(png, out_path=tmp_path / "out.tif", world_file=pgw, srid=25833)
    assert result["band_layout"] == "rgba"
    assert centre_pixel(result, 25833, 411050.0, 5655950.0) == (200, 30, 40, 255)
    assert centre_pixel(result, 25833, 411150.0, 5655950.0)[3] == 0


def test_jpeg_with_german_world_file(tmp_path):
    jpeg = tmp_path / "plan.jpg"
    Image.new("RGB", (200, 100), (40, 160, 60)).save(jpeg, quality=95)
    jgw = write_world_file(
        tmp_path / "plan.jgw", (1.0, 0.0, 0.0, -1.0, 411000.5, 5655999.5), comma=True
    )
    assert b"," in jgw.read_bytes() and b"\r\n" in jgw.read_bytes()
    result = convert_to_cog(jpeg, out_path=tmp_path / "out.tif", world_file=jgw, srid=25833)
    assert result["file_type"] == "jpeg"
    assert result["bounds_source"] == pytest.approx(EXPECTED_25833)
    r, g, b, a = centre_pixel(result, 25833, 411100.0, 5655950.0)
    assert a == 255 and abs(r - 40) <= 3 and abs(g - 160) <= 3 and abs(b - 60) <= 3


def test_gauss_krueger_and_rotated_world_file(tmp_path):
    png = tmp_path / "plan.png"
    Image.new("RGB", (100, 100), (0, 0, 255)).save(png)
    # EPSG:31468 (GK zone 4), rotated by 30 degrees.
    world = (0.8660254, -0.5, -0.5, -0.8660254, 4621000.0, 5657000.0)
    pgw = write_world_file(tmp_path / "plan.pgw", world)
    result = convert_to_cog(png, out_path=tmp_path / "out.tif", world_file=pgw, srid=31468)
    assert result["rotated"] is True
    a, d, b, e, c, f = world
    corners = [
        (c - a / 2 - b / 2 + a * col + b * row, f - d / 2 - e / 2 + d * col + e * row)
        for col, row in ((0, 0), (100, 0), (0, 100), (100, 100))
    ]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    assert result["bounds_source"] == pytest.approx([min(xs), min(ys), max(xs), max(ys)])
    centre = (c + a * 49.5 + b * 49.5, f + d * 49.5 + e * 49.5)
    assert centre_pixel(result, 31468, *centre) == (0, 0, 255, 255)


def test_webp_compression_on_request(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif")
    result = convert_to_cog(source, out_path=tmp_path / "out.tif", compression="WEBP")
    assert result["compression"] == "WEBP"
    r, g, b, a = centre_pixel(result, 25833, 411100.0, 5655950.0)
    assert a == 255 and abs(r - 200) <= 4 and abs(g - 100) <= 4 and abs(b - 50) <= 4


def test_limits_can_be_tightened_per_call(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif")
    with pytest.raises(InputError, match="at most 100 x 100"):
        convert_to_cog(
            source,
            out_path=tmp_path / "out.tif",
            limits=RasterLimits(max_width=100, max_height=100),
        )


def test_tile_png_is_valid_rgba(tmp_path):
    source = make_geotiff(tmp_path / "plan.tif")
    result = convert_to_cog(source, out_path=tmp_path / "out.tif")
    tx, ty, _col, _row = tile_and_pixel(*to_3857(25833, 411100.0, 5655950.0), 16)
    png = tiles.render_tile(result["output_path"], 16, tx, ty)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "RGBA" and image.size == (256, 256)


def test_messages_from_the_sandbox_are_in_the_callers_language(tmp_path):
    from django.utils import translation
    from django.utils.translation import gettext

    png = tmp_path / "plan.png"
    Image.new("RGB", (20, 20)).save(png)
    msgid = (
        "A %(format)s image needs its world file (%(suffixes)s) to be placed on the map. "
        "Upload the image together with its world file, or use a GeoTIFF."
    )
    with translation.override("de"):
        expected = gettext(msgid) % {"format": "PNG", "suffixes": ".pgw/.wld"}
        with pytest.raises(InputError) as caught:
            convert_to_cog(png, out_path=tmp_path / "out.tif", srid=25832)
    assert str(caught.value) == expected
