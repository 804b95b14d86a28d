"""Hostile raster uploads (SECURITY.md A3): refused with a clear message, nothing left behind,
no connection leaves the sandbox."""

import io
import socket
import time
import zlib
from pathlib import Path

import pytest
from osgeo import gdal
from PIL import Image

from gis.errors import InputError
from gis.raster.limits import RasterLimits
from gis.raster.pipeline import convert_to_cog
from gis.raster.source import check_limits, open_untrusted
from gis.sandbox import network_isolation_prefix

from .helpers import make_geotiff, tiny_tiff, vrt_local, vrt_ssrf, write_world_file

WORLD = (1.0, 0.0, 0.0, -1.0, 411000.5, 5655999.5)


@pytest.fixture
def upload(tmp_path, isolated_tmp):
    """Run a conversion and check that nothing was left behind when it fails."""
    out_dir = tmp_path / "cogs"
    out_dir.mkdir()

    def convert(source, **kwargs):
        try:
            return convert_to_cog(source, out_path=out_dir / "plan.cog.tif", **kwargs)
        finally:
            assert list(isolated_tmp.iterdir()) == [], "temporary files left behind"

    yield convert
    assert list(out_dir.iterdir()) == [], "partial output left behind"


def test_tiny_tiff_declaring_ten_gigapixels_is_refused_from_its_header(tmp_path, upload):
    path = tmp_path / "plan.tif"
    path.write_bytes(tiny_tiff())
    assert path.stat().st_size == 130
    with pytest.raises(InputError, match=r"100000 x 100000 pixels; at most 60000 x 60000"):
        upload(path, srid=25832)
    # The check needs nothing but the header: in-process, no pixel is read.
    dataset = open_untrusted(path, "GTiff")
    with pytest.raises(InputError, match="100000 x 100000"):
        check_limits(dataset, RasterLimits())


def test_pixel_count_limit_applies_below_the_dimension_limit(tmp_path, upload):
    path = tmp_path / "plan.tif"
    path.write_bytes(tiny_tiff(50_000, 50_000))
    with pytest.raises(InputError, match="2500 megapixels; at most 300"):
        upload(path, srid=25832)


def test_sparse_bigtiff_declaring_forty_gigapixels_is_refused(tmp_path, upload):
    path = tmp_path / "plan.tif"
    gdal.GetDriverByName("GTiff").Create(
        str(path),
        200_000,
        200_000,
        1,
        gdal.GDT_Byte,
        ["SPARSE_OK=TRUE", "TILED=YES", "BIGTIFF=YES", "COMPRESS=DEFLATE"],
    ).FlushCache()
    with pytest.raises(InputError, match="200000 x 200000"):
        upload(path, srid=25832)


def test_vrt_disguised_as_geotiff_is_refused(tmp_path, upload):
    path = tmp_path / "plan.tif"
    path.write_text(vrt_local("/etc/hostname"))
    with pytest.raises(InputError, match="XML") as caught:
        upload(path, srid=25832)
    hostname = Path("/etc/hostname").read_text().strip()
    assert not hostname or hostname not in str(caught.value)
    # Second guard, independent of the content sniffing: the driver allow-list.
    with pytest.raises(InputError, match="not a readable GeoTIFF"):
        open_untrusted(path, "GTiff")


def test_vrt_pointing_at_a_url_reaches_nothing(tmp_path, upload, canary):
    path = tmp_path / "plan.tif"
    path.write_text(vrt_ssrf(canary.port))
    with pytest.raises(InputError):
        upload(path, srid=25832)
    with pytest.raises(InputError):
        open_untrusted(path, "GTiff")
    assert canary.connections == 0


@pytest.mark.skipif(not network_isolation_prefix(), reason="unshare --net is not available")
def test_vrt_opened_with_every_driver_in_the_sandbox_reaches_nothing(tmp_path, canary):
    from gis import sandbox

    path = tmp_path / "plan.tif"
    path.write_text(vrt_ssrf(canary.port))
    probe = "tests.gis_raster.sandbox_probes.open_with_any_driver"
    with sandbox.allow_temporarily(probe):
        reply = sandbox.run_sandboxed(probe, {"path": str(path)}, timeout_s=20, memory_mb=1024)
    assert reply["opened"] is False
    assert canary.connections == 0
    with socket.create_connection(("127.0.0.1", canary.port), timeout=5):
        pass
    for _ in range(100):
        if canary.connections:
            break
        time.sleep(0.05)
    assert canary.connections == 1  # the canary was listening all along


def test_png_without_world_file_is_refused_clearly(tmp_path, upload):
    path = tmp_path / "plan.png"
    Image.new("RGB", (50, 50), (255, 0, 0)).save(path)
    with pytest.raises(InputError, match=r"needs its world file \(\.pgw/\.wld\)"):
        upload(path, srid=25832)


def test_png_with_world_file_but_no_crs_choice_is_refused(tmp_path, upload):
    path = tmp_path / "plan.png"
    Image.new("RGB", (50, 50), (255, 0, 0)).save(path)
    pgw = write_world_file(tmp_path / "plan.pgw", WORLD)
    with pytest.raises(InputError, match="no coordinate reference system"):
        upload(path, world_file=pgw)


def noisy_png(path, size=(600, 400)):
    pixels = bytes((i * 7919 + i // 3) % 251 for i in range(size[0] * size[1] * 3))
    Image.frombytes("RGB", size, pixels).save(path)
    return path


def test_truncated_png_is_refused(tmp_path, upload):
    full = noisy_png(tmp_path / "full.png").read_bytes()
    path = tmp_path / "plan.png"
    path.write_bytes(full[: len(full) // 2])
    pgw = write_world_file(tmp_path / "plan.pgw", WORLD)
    with pytest.raises(InputError, match="damaged or incomplete"):
        upload(path, world_file=pgw, srid=25833)


def test_png_with_corrupted_data_is_refused(tmp_path, upload):
    data = bytearray(noisy_png(tmp_path / "full.png").read_bytes())
    start = data.index(b"IDAT") + 200
    data[start : start + 64] = bytes(64)
    path = tmp_path / "plan.png"
    path.write_bytes(bytes(data))
    pgw = write_world_file(tmp_path / "plan.pgw", WORLD)
    with pytest.raises(InputError):
        upload(path, world_file=pgw, srid=25833)


def test_png_header_only_is_refused(tmp_path, upload):
    header = noisy_png(tmp_path / "full.png").read_bytes()[:33]
    path = tmp_path / "plan.png"
    path.write_bytes(header)
    pgw = write_world_file(tmp_path / "plan.pgw", WORLD)
    with pytest.raises(InputError):
        upload(path, world_file=pgw, srid=25833)


def test_pdf_named_tif_is_refused(tmp_path, upload):
    path = tmp_path / "plan.tif"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with pytest.raises(
        InputError, match="should be a TIFF image, but its content is a PDF document"
    ):
        upload(path, srid=25832)


def test_jpeg_named_png_is_refused(tmp_path, upload):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="JPEG")
    path = tmp_path / "plan.png"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="its content is a JPEG image"):
        upload(path, world_file=write_world_file(tmp_path / "plan.pgw", WORLD), srid=25833)


@pytest.mark.parametrize("name", ["plan.pdf", "plan.vrt", "plan.jp2", "plan"])
def test_other_file_types_are_refused_by_name(tmp_path, upload, name):
    path = tmp_path / name
    path.write_bytes(b"anything")
    with pytest.raises(InputError, match="not accepted as plan images"):
        upload(path)


def test_empty_file_is_refused(tmp_path, upload):
    path = tmp_path / "plan.tif"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        upload(path, srid=25832)


def test_file_size_limit(tmp_path, upload):
    path = make_geotiff(tmp_path / "plan.tif")
    with pytest.raises(InputError, match="at most 0 MB"):
        upload(path, limits=RasterLimits(max_file_bytes=1000))


def test_sixteen_bit_geotiff_is_refused(tmp_path, upload):
    path = make_geotiff(tmp_path / "dem.tif", bands=1, data_type=gdal.GDT_UInt16)
    with pytest.raises(InputError, match="UInt16 values in band 1; only 8-bit"):
        upload(path)


def test_too_many_bands_are_refused(tmp_path, upload):
    path = make_geotiff(tmp_path / "multi.tif", bands=6)
    with pytest.raises(InputError, match="6 bands"):
        upload(path)


def test_huge_tiles_are_refused(tmp_path, upload):
    path = make_geotiff(
        tmp_path / "tiles.tif",
        width=4096,
        height=4096,
        options=("COMPRESS=DEFLATE", "TILED=YES", "BLOCKXSIZE=4096", "BLOCKYSIZE=4096"),
    )
    with pytest.raises(InputError, match="blocks of 4096 x 4096"):
        upload(path, limits=RasterLimits(max_block_bytes=16 * 1024 * 1024))


def test_unknown_crs_choice_is_refused(tmp_path, upload):
    path = make_geotiff(tmp_path / "plan.tif", srid=None)
    with pytest.raises(InputError, match="EPSG:2154 is not offered"):
        upload(path, srid=2154)


def test_wrong_crs_choice_puts_image_off_the_map(tmp_path, upload):
    png = tmp_path / "plan.png"
    Image.new("RGB", (50, 50)).save(png)
    pgw = write_world_file(tmp_path / "plan.pgw", WORLD)  # UTM metres, declared as degrees
    with pytest.raises(InputError, match="outside the area a web map can show"):
        upload(png, world_file=pgw, srid=4326)


def test_world_file_in_wrong_unit_is_refused(tmp_path, upload):
    png = tmp_path / "plan.png"
    Image.new("RGB", (50, 50)).save(png)
    pgw = write_world_file(tmp_path / "plan.pgw", (0.001, 0, 0, -0.001, 411000.0, 5656000.0))
    with pytest.raises(InputError, match="smaller than a centimetre"):
        upload(png, world_file=pgw, srid=25833)


def test_broken_world_file_error_names_the_line(tmp_path, upload):
    png = tmp_path / "plan.png"
    Image.new("RGB", (50, 50)).save(png)
    pgw = tmp_path / "plan.pgw"
    pgw.write_bytes(b"1\n0\n0\n-1\n411000,5.5\n5656000\n")
    with pytest.raises(InputError) as caught:
        upload(png, world_file=pgw, srid=25833)
    assert caught.value.location == "line 5"


def test_timeout_leaves_nothing_behind(tmp_path, upload):
    path = make_geotiff(tmp_path / "plan.tif", width=6000, height=6000)
    from gis.sandbox import SandboxFailure

    with pytest.raises(SandboxFailure, match="within the limits"):
        upload(path, limits=RasterLimits(timeout_s=1))


def test_exotic_tiff_codec_is_refused(tmp_path, upload):
    path = tmp_path / "plan.tif"
    try:
        make_geotiff(path, options=("COMPRESS=LERC",))
    except RuntimeError:
        pytest.skip("this GDAL cannot write LERC")
    with pytest.raises(InputError, match="compression “LERC”"):
        upload(path)


def test_deflate_bomb_png_within_limits_is_bounded(tmp_path, upload):
    # 20000 x 20000 gray PNG of zeros: ~400 MB of pixels in a few hundred kB, above the limit.
    width = height = 20_000
    compressor = zlib.compressobj(9)
    row = b"\x00" + bytes(width)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, data):
        return (
            len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
        )

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    path = tmp_path / "plan.png"
    path.write_bytes(png)
    with pytest.raises(InputError, match="400 megapixels; at most 300"):
        upload(path, world_file=write_world_file(tmp_path / "plan.pgw", WORLD), srid=25833)
