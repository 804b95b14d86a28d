"""Generators and small tools for the raster tests (nothing is downloaded)."""

import io
import socket
import struct
import threading
from pathlib import Path

from osgeo import gdal, osr
from PIL import Image

gdal.UseExceptions()


class Canary:
    """A TCP server on 127.0.0.1 that counts every connection it accepts."""

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _address = self.server.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()


def make_geotiff(
    path: Path,
    *,
    width: int = 200,
    height: int = 100,
    bands: int = 3,
    srid: int | None = 25833,
    origin: tuple[float, float] | None = (411000.0, 5656000.0),
    pixel: float = 1.0,
    color: tuple[int, ...] = (200, 100, 50),
    data_type: int = gdal.GDT_Byte,
    options: tuple[str, ...] = (),
    metadata: dict | None = None,
) -> Path:
    """A GeoTIFF filled with one colour; georeferenced and with a CRS unless told otherwise."""
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(path), width, height, bands, data_type, list(options)
    )
    if origin is not None:
        dataset.SetGeoTransform((origin[0], pixel, 0.0, origin[1], 0.0, -pixel))
    if srid is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(srid)
        dataset.SetSpatialRef(srs)
    for index in range(bands):
        band = dataset.GetRasterBand(index + 1)
        band.Fill(color[index] if index < len(color) else 255)
    if metadata:
        dataset.SetMetadata(metadata)
    dataset.FlushCache()
    dataset = None
    return path


def write_world_file(path: Path, values: tuple[float, ...], *, comma: bool = False) -> Path:
    lines = [repr(float(v)) for v in values]
    if comma:
        lines = [line.replace(".", ",") for line in lines]
    path.write_text("\r\n".join(lines) + "\r\n")
    return path


def tiny_tiff(width: int = 100_000, height: int = 100_000) -> bytes:
    """SECURITY.md A3.1: a 130-byte TIFF declaring width x height 8-bit pixels in one strip."""
    entries = [
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 1, 8),
        (259, 3, 1, 1),
        (262, 3, 1, 1),
        (273, 4, 1, 0),
        (277, 3, 1, 1),
        (278, 4, 1, height),
        (279, 4, 1, 8),
    ]
    offset = 8
    data_offset = offset + 2 + len(entries) * 12 + 4
    blob = b"II" + struct.pack("<HI", 42, offset) + struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        value = data_offset if tag == 273 else value
        packed = struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        blob += struct.pack("<HHI", tag, kind, count) + packed
    return blob + struct.pack("<I", 0) + b"\0" * 8


def vrt_local(path_to_read: str = "/etc/hostname") -> str:
    return (
        '<VRTDataset rasterXSize="16" rasterYSize="1"><VRTRasterBand dataType="Byte" band="1" '
        f'subClass="VRTRawRasterBand"><SourceFilename relativeToVRT="0">{path_to_read}'
        "</SourceFilename><ImageOffset>0</ImageOffset><PixelOffset>1</PixelOffset>"
        "<LineOffset>16</LineOffset></VRTRasterBand></VRTDataset>"
    )


def vrt_ssrf(port: int) -> str:
    return (
        '<VRTDataset rasterXSize="16" rasterYSize="16"><VRTRasterBand dataType="Byte" band="1">'
        f'<SimpleSource><SourceFilename relativeToVRT="0">/vsicurl/http://127.0.0.1:{port}/x.tif'
        "</SourceFilename><SourceBand>1</SourceBand></SimpleSource></VRTRasterBand></VRTDataset>"
    )


def to_3857(srid: int, x: float, y: float) -> tuple[float, float]:
    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(srid)
    target.ImportFromEPSG(3857)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    mx, my, _z = osr.CoordinateTransformation(source, target).TransformPoint(x, y)
    return mx, my


def pixel(png: bytes, x: int, y: int) -> tuple[int, int, int, int]:
    image = Image.open(io.BytesIO(png))
    assert image.mode == "RGBA"
    return image.getpixel((x, y))


def tile_and_pixel(x: float, y: float, z: int, size: int = 256) -> tuple[int, int, int, int]:
    """(tile x, tile y, pixel column, pixel row) of a Web Mercator point at zoom z."""
    from gis.raster import webmercator

    span = webmercator.WORLD_SIZE / 2**z
    fx = (x + webmercator.ORIGIN) / span
    fy = (webmercator.ORIGIN - y) / span
    tx, ty = int(fx), int(fy)
    return tx, ty, int((fx - tx) * size), int((fy - ty) * size)
