"""Geodesic length of a line on the WGS84 ellipsoid, in metres.

The storage SRID is a projected CRS whose scale distorts lengths by up to some 0.1 %; the
geodesic length is what a hiker walks (ignoring height). Computed with geographiclib, the pure
Python implementation of Karney's geodesic algorithms (the ones PROJ's geod and pyproj's Geod
use): pyproj's wheel bundles a second libproj, which ADR 0002 rules out (one GDAL and one PROJ
per process; the two PROJs corrupted the heap at exit).
"""

from django.contrib.gis.geos import GEOSGeometry, LineString, MultiLineString
from geographiclib.geodesic import Geodesic

_GEOD = Geodesic.WGS84


def geodesic_length_m(geometry: GEOSGeometry) -> float:
    wgs84 = geometry.transform(4326, clone=True)
    lines = [wgs84] if isinstance(wgs84, LineString) else list(wgs84)
    total = 0.0
    for line in lines:
        coords = line.coords
        for (lon1, lat1, *_z1), (lon2, lat2, *_z2) in zip(coords, coords[1:], strict=False):
            total += _GEOD.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"]
    return total


def as_multilinestring(geometry: GEOSGeometry) -> MultiLineString | None:
    """A line or multi-line as MultiLineString; None for anything else."""
    if isinstance(geometry, MultiLineString):
        return geometry
    if isinstance(geometry, LineString):
        return MultiLineString(geometry, srid=geometry.srid)
    return None
