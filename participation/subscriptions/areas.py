"""The area of a subscription or an area feed, in the storage SRID, from what a person gives:
a point and a radius, a drawn polygon (already parsed by the guarded GeoJSON input), a
municipality's jurisdiction, or a bounding box. Everything is bounded in size."""

import math

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point, Polygon
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.srid import WGS84, storage_srid

MIN_RADIUS = 50  # metres
MAX_RADIUS = 20_000
#: The largest drawn area or bounding box: about a circle of MAX_RADIUS (1,257 km²).
MAX_AREA_M2 = math.pi * MAX_RADIUS**2
CIRCLE_SEGMENTS = 16  # per quarter circle


def as_multi(geometry: GEOSGeometry) -> MultiPolygon:
    if isinstance(geometry, Polygon):
        geometry = MultiPolygon(geometry, srid=geometry.srid)
    return geometry


def check_lon_lat(lon: float, lat: float) -> None:
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180
            and -90 <= lat <= 90):
        raise InputError(_("Latitude must lie between -90 and 90 and longitude between -180 and 180."))


def check_radius(radius: float) -> None:
    if not (math.isfinite(radius) and MIN_RADIUS <= radius <= MAX_RADIUS):
        raise InputError(_("The radius must be between %(min)d m and %(max)d km.") % {
            "min": MIN_RADIUS, "max": MAX_RADIUS // 1000})


def circle(lon: float, lat: float, radius: float) -> MultiPolygon:
    """A circle of `radius` metres around a WGS84 point, as a polygon in the storage SRID."""
    check_lon_lat(lon, lat)
    check_radius(radius)
    point = Point(lon, lat, srid=WGS84)
    point.transform(storage_srid())
    return as_multi(point.buffer(radius, CIRCLE_SEGMENTS))


def drawn(geometry: GEOSGeometry) -> MultiPolygon:
    """A drawn (Multi)Polygon in WGS84, checked by gis.geojson_input, in the storage SRID."""
    area = geometry.transform(storage_srid(), clone=True)
    if not area.valid:
        raise InputError(_("The drawn area crosses itself. Please draw it again without crossing lines."))
    check_size(area)
    return as_multi(area)


def bbox(minlon: float, minlat: float, maxlon: float, maxlat: float) -> MultiPolygon:
    for lon, lat in ((minlon, minlat), (maxlon, maxlat)):
        check_lon_lat(lon, lat)
    if not (minlon < maxlon and minlat < maxlat):
        raise InputError(_("The bounding box must be given as west,south,east,north."))
    box = Polygon.from_bbox((minlon, minlat, maxlon, maxlat))
    box.srid = WGS84
    box.transform(storage_srid())
    check_size(box)
    return as_multi(box)


def check_size(area: GEOSGeometry) -> None:
    if area.area > MAX_AREA_M2:
        raise InputError(_("The area is too large: at most %(max)d km² are possible.") % {
            "max": int(MAX_AREA_M2 / 1e6)})
