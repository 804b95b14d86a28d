"""Parsing GeoJSON geometries sent by browsers and API clients (SECURITY.md E15/E16, A5).

The text is parsed as JSON (no NaN/Infinity constants, bounded size and nesting), its
coordinates are checked as plain numbers (gis.geojson_coordinates: 2D, finite, longitude and
latitude in range, structure, vertex budget), and only then is a GEOS geometry built from the
canonical numbers. Nothing of the request reaches GEOS or a text writer before that.
"""

import json

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.utils.translation import gettext as _

from .errors import InputError
from .geojson_coordinates import DRAWING_MAX_VERTICES, checked_coordinates
from .srid import WGS84

MAX_BYTES = 256 * 1024
GEOMETRY_TYPES = {"Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
                  "MultiPolygon"}


def _no_constants(name):
    raise ValueError(name)


def load_json(text: str, *, max_bytes: int = MAX_BYTES):
    """JSON of a geometry text: size-checked, without NaN/Infinity; InputError otherwise."""
    if len(text.encode()) > max_bytes:
        raise InputError(_("The drawn geometry is too large."))
    try:
        return json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        raise InputError(_("The geometry is not valid GeoJSON.")) from exc


def geometry_from_object(data, *, allowed=GEOMETRY_TYPES,
                         max_vertices: int = DRAWING_MAX_VERTICES) -> GEOSGeometry:
    """A parsed GeoJSON geometry (or Feature) as GEOS in WGS84, checked before it is built."""
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in allowed:
        raise InputError(_("Mark a point, a line or an area."))
    coordinates = checked_coordinates(data["type"], data.get("coordinates"),
                                      max_vertices=max_vertices)
    try:
        geometry = GEOSGeometry(json.dumps({"type": data["type"], "coordinates": coordinates}))
    except (GEOSException, ValueError, TypeError) as exc:
        raise InputError(_("The geometry is not valid GeoJSON.")) from exc
    geometry.srid = WGS84
    return geometry


def parse_geometry(text: str, *, allowed=GEOMETRY_TYPES,
                   max_vertices: int = DRAWING_MAX_VERTICES) -> GEOSGeometry:
    """A GeoJSON geometry (or Feature) in WGS84 as GEOS; InputError for anything else."""
    return geometry_from_object(load_json(text), allowed=allowed, max_vertices=max_vertices)
