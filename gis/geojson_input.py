"""Parsing GeoJSON geometries sent by browsers and API clients (SECURITY.md E15/E16, A5)."""

import json
import math

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.utils.translation import gettext as _

from .errors import InputError
from .srid import WGS84

MAX_BYTES = 256 * 1024
GEOMETRY_TYPES = {"Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
                  "MultiPolygon"}


def _no_constants(name):
    raise ValueError(name)


def _check_numbers(node, depth=0) -> None:
    if depth > 8:
        raise InputError(_("The geometry is nested too deeply."))
    if isinstance(node, list):
        for item in node:
            _check_numbers(item, depth + 1)
    elif isinstance(node, bool) or not isinstance(node, (int, float)):
        raise InputError(_("The coordinates must be numbers."))
    elif not math.isfinite(node):
        raise InputError(_("The geometry contains invalid coordinates (NaN or infinite)."))


def parse_geometry(text: str, *, allowed=GEOMETRY_TYPES) -> GEOSGeometry:
    """A GeoJSON geometry (or Feature) in WGS84 as GEOS; InputError for anything else."""
    if len(text.encode()) > MAX_BYTES:
        raise InputError(_("The drawn geometry is too large."))
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        raise InputError(_("The geometry is not valid GeoJSON.")) from exc
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in allowed:
        raise InputError(_("Mark a point, a line or an area."))
    coordinates = data.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        raise InputError(_("The geometry has no coordinates."))
    _check_numbers(coordinates)
    try:
        geometry = GEOSGeometry(json.dumps({"type": data["type"], "coordinates": coordinates}))
    except (GEOSException, ValueError, TypeError) as exc:
        raise InputError(_("The geometry is not valid GeoJSON.")) from exc
    geometry.srid = WGS84
    minx, miny, maxx, maxy = geometry.extent
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise InputError(_("The coordinates are not longitude/latitude in degrees."))
    return geometry
