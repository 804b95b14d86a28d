"""Hostile files, generated: polyglots, empty and truncated files, a PNG decompression bomb,
SVG with script, HTML posing as PDF, an XLSX zip bomb, CSV with formulas and a million rows,
zips with path traversal and symlink entries, and XML pointing at the loopback canary.

Deep parser cases (XML entities, GML, rasters, archive internals) live in tests/xplanung,
tests/gis_raster, tests/xplan_import and tests/gis; these are the files an upload ENDPOINT gets.
"""

import io
import stat
import struct
import zipfile
import zlib
from functools import cache

from fixtures.pdf import simple_pdf


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


@cache
def png_bomb(side: int = 30_000) -> bytes:
    """A valid 1-bit greyscale PNG of side x side pixels (900 megapixels) in about 110 KB."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat)
            + _png_chunk(b"IEND", b""))


@cache
def small_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _zip(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


@cache
def xlsx_bomb(size: int = 150 * 1024 * 1024) -> bytes:
    """An XLSX-shaped zip whose sheet inflates to `size` bytes (about 150 KB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                sheet.write(chunk)
    return buffer.getvalue()


def hostile_files(canary_url: str) -> list[tuple[str, str, bytes]]:
    """(case, file name, content) for every upload field."""
    pdf = simple_pdf("Polyglott", ["x"])
    zip_payload = _zip({"a.txt": b"x"})
    gml = (f'<?xml version="1.0"?><xplan:XPlanAuszug xmlns:xplan="http://www.xplanung.de/'
           f'xplangml/6/0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xmlns:xlink="http://www.w3.org/1999/xlink" xsi:schemaLocation="http://www.xplanung.de'
           f'/xplangml/6/0 {canary_url}/schema.xsd"><xplan:externeReferenz xlink:href='
           f'"{canary_url}/ref"/></xplan:XPlanAuszug>').encode()
    vrt = (f'<VRTDataset rasterXSize="10" rasterYSize="10"><VRTRasterBand dataType="Byte" '
           f'band="1"><SimpleSource><SourceFilename>/vsicurl/{canary_url}/x.tif</SourceFilename>'
           f'</SimpleSource></VRTRasterBand></VRTDataset>').encode()
    geojson = (b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
               b'"geometry":{"type":"Point","coordinates":[NaN,1e400]}}]}')
    csv_rows = f'Text;Name\n=HYPERLINK("{canary_url}","x");@SUM(1)\n'
    return [
        ("empty.pdf", "leer.pdf", b""),
        ("empty.csv", "leer.csv", b""),
        ("polyglot-pdf-zip", "polyglott.pdf", pdf + zip_payload),
        ("polyglot-zip-pdf", "polyglott.zip", zip_payload + pdf),
        ("html-as-pdf", "rechnung.pdf", b"<html><script>alert(1)</script></html>"),
        ("svg-script", "bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
                                   b"<script>alert(1)</script></svg>"),
        ("svg-as-png", "bild.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script>'
                                   b"</svg>"),
        ("truncated-png", "foto.png", small_png()[:60]),
        ("truncated-jpeg", "foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"),
        ("png-bomb", "karte.png", png_bomb()),
        ("xlsx-bomb", "liste.xlsx", xlsx_bomb()),
        ("csv-formula", "liste.csv", csv_rows.encode()),
        ("csv-million-rows", "viele.csv", b"Text\n" + b"=1\n" * 1_000_000),
        ("zip-slip", "ebene.zip", _zip({"../../../../tmp/adversarial-slip.txt": b"x",
                                        "a.geojson": b"{}"})),
        ("zip-symlink", "ebene.zip", _zip({"a.geojson": b"{}"}, symlink="b.geojson")),
        ("gml-canary", "plan.gml", gml),
        ("vrt-canary", "raster.vrt", vrt),
        ("geojson-nan", "ebene.geojson", geojson),
        ("nul-name", "a\x00b.pdf", pdf),
        ("traversal-name", "../../etc/passwd.pdf", pdf),
        ("rtl-name", "rechnung\u202efdp.exe", pdf),
    ]
