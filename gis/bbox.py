"""The `bbox=minLon,minLat,maxLon,maxLat` query parameter (WGS84), checked as plain numbers.

Four finite numbers, longitudes within ±180 and latitudes within ±90, min below max; checked
before a geometry is built (SpatiaLite receives geometries as WKT, whose writer overflows on
huge numbers: issue #9). The result is a WGS84 rectangle; a spatial lookup with it is
reprojected to the storage SRID by the database, so the geometry column's index is used.
"""

import math

from django.contrib.gis.geos import Polygon
from django.utils.translation import gettext as _

from .errors import InputError
from .srid import WGS84

#: Longest accepted parameter value (four numbers with a dozen decimals are far shorter).
MAX_LENGTH = 200


def parse_numbers(value: str, count: int) -> list[float]:
    """`count` comma-separated WGS84 numbers (longitudes at even, latitudes at odd positions)."""
    numbers: list[float] = []
    if len(value) <= MAX_LENGTH:
        try:
            numbers = [float(part) for part in value.split(",")]
        except ValueError:
            numbers = []
    if len(numbers) != count or not all(math.isfinite(n) for n in numbers):
        raise InputError(_("Expected %(count)d comma-separated numbers (WGS84 longitude/latitude).")
                         % {"count": count})
    if not all(-180 <= n <= 180 if i % 2 == 0 else -90 <= n <= 90 for i, n in enumerate(numbers)):
        raise InputError(_("The coordinates must be longitude and latitude in WGS84 (EPSG:4326)."))
    return numbers


def parse_bbox(value: str) -> Polygon:
    """The WGS84 rectangle of a `bbox` parameter, or InputError with a message for the user."""
    minx, miny, maxx, maxy = parse_numbers(value, 4)
    if minx >= maxx or miny >= maxy:
        raise InputError(_("The bbox must be minLon,minLat,maxLon,maxLat."))
    box = Polygon.from_bbox((minx, miny, maxx, maxy))
    box.srid = WGS84
    return box
