"""Building GEOS geometries from coordinate lists through WKB (fast: no per-point calls)."""

import struct
import sys
from array import array
from itertools import chain

from django.contrib.gis.geos import GEOSGeometry

Point = tuple[float, float]
Ring = list[Point]
PolygonRings = list[Ring]

_ORDER = 1 if sys.byteorder == "little" else 0
_POINT, _LINESTRING, _POLYGON = 1, 2, 3
_MULTIPOINT, _MULTILINESTRING, _MULTIPOLYGON, _COLLECTION = 4, 5, 6, 7


def _doubles(coords: list[Point]) -> bytes:
    return array("d", chain.from_iterable(coords)).tobytes()


def point_wkb(point: Point) -> bytes:
    return struct.pack("=BIdd", _ORDER, _POINT, point[0], point[1])


def linestring_wkb(coords: list[Point]) -> bytes:
    return struct.pack("=BII", _ORDER, _LINESTRING, len(coords)) + _doubles(coords)


def polygon_wkb(rings: PolygonRings) -> bytes:
    parts = [struct.pack("=BII", _ORDER, _POLYGON, len(rings))]
    for ring in rings:
        parts.append(struct.pack("=I", len(ring)))
        parts.append(_doubles(ring))
    return b"".join(parts)


def multi_wkb(kind: str, members: list[bytes]) -> bytes:
    code = {"point": _MULTIPOINT, "line": _MULTILINESTRING, "polygon": _MULTIPOLYGON}.get(
        kind, _COLLECTION
    )
    return struct.pack("=BII", _ORDER, code, len(members)) + b"".join(members)


def to_geos(wkb: bytes, srid: int) -> GEOSGeometry:
    return GEOSGeometry(memoryview(wkb), srid=srid)
