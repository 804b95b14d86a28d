"""Geodesic length of a line on the WGS84 ellipsoid (pyproj's Geod), in metres.

The storage SRID is a projected CRS whose scale distorts lengths by up to some 0.1 %; the
geodesic length is what a hiker walks (ignoring height).
"""

from django.contrib.gis.geos import GEOSGeometry, LineString, MultiLineString
from pyproj import Geod

_GEOD = Geod(ellps="WGS84")


def geodesic_length_m(geometry: GEOSGeometry) -> float:
    wgs84 = geometry.transform(4326, clone=True)
    lines = [wgs84] if isinstance(wgs84, LineString) else list(wgs84)
    total = 0.0
    for line in lines:
        lons, lats = zip(*[(c[0], c[1]) for c in line.coords], strict=True)
        total += _GEOD.line_length(lons, lats)
    return total


def as_multilinestring(geometry: GEOSGeometry) -> MultiLineString | None:
    """A line or multi-line as MultiLineString; None for anything else."""
    if isinstance(geometry, MultiLineString):
        return geometry
    if isinstance(geometry, LineString):
        return MultiLineString(geometry, srid=geometry.srid)
    return None
