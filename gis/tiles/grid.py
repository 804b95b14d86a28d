"""The XYZ ("slippy map") tile grid in Web Mercator (EPSG:3857), y counted from the top."""

import math
from dataclasses import dataclass

from django.contrib.gis.geos import Polygon

from ..srid import WEB_MERCATOR

ORIGIN = 20037508.342789244  # half the Web Mercator world width in metres
MAX_ZOOM = 22


@dataclass(frozen=True)
class Tile:
    z: int
    x: int
    y: int

    @classmethod
    def checked(cls, z: int, x: int, y: int) -> "Tile":
        if not 0 <= z <= MAX_ZOOM:
            raise ValueError(f"zoom {z} outside 0–{MAX_ZOOM}")
        limit = 2**z
        if not (0 <= x < limit and 0 <= y < limit):
            raise ValueError(f"tile {x}/{y} outside the grid of zoom {z}")
        return cls(z, x, y)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(minx, miny, maxx, maxy) in EPSG:3857."""
        size = 2 * ORIGIN / 2**self.z
        minx = -ORIGIN + self.x * size
        maxy = ORIGIN - self.y * size
        return (minx, maxy - size, minx + size, maxy)

    def envelope(self, buffer_ratio: float = 0.0, srid: int | None = None,
                 densify: int = 8) -> Polygon:
        """The tile's square (optionally buffered), densified, in EPSG:3857 or `srid`."""
        minx, miny, maxx, maxy = self.bounds
        pad = (maxx - minx) * buffer_ratio
        minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
        ring = []
        for i in range(densify):
            ring.append((minx + (maxx - minx) * i / densify, miny))
        for i in range(densify):
            ring.append((maxx, miny + (maxy - miny) * i / densify))
        for i in range(densify):
            ring.append((maxx - (maxx - minx) * i / densify, maxy))
        for i in range(densify):
            ring.append((minx, maxy - (maxy - miny) * i / densify))
        ring.append(ring[0])
        polygon = Polygon(ring, srid=WEB_MERCATOR)
        if srid and srid != WEB_MERCATOR:
            polygon.transform(srid)
        return polygon


def lonlat_to_tile(lon: float, lat: float, z: int) -> Tile:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    lat_rad = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(lat_rad)) / math.pi) / 2.0 * n)
    return Tile.checked(z, min(max(x, 0), n - 1), min(max(y, 0), n - 1))
