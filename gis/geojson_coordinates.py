"""The coordinates of an untrusted GeoJSON geometry, checked as plain numbers before GEOS sees them.

Issue #9 (findings 1 and 2): GEOS 3.11's WKT writer overflows its stack on huge ordinates
(a Point with a third coordinate of 1e200 killed the process), and a few hundred self-crossing
vertices made a repair run for a minute. So every geometry a browser or API client sends is
walked here first, as the JSON numbers it arrived as:

* positions have exactly two numbers, longitude and latitude in degrees (WGS84). A height (Z) or
  a measure (M) is refused with a message, not dropped silently: no drawing tool of the portal
  sends one, so a third number means the client meant something the portal cannot keep;
* every ordinate is a real number (no bool, string, null, NaN or infinity), checked against
  -180..180 / -90..90 on the raw value (a 400-digit integer is compared, never converted);
* the structure matches the type (a line has two positions or more, a ring four or more and is
  closed, a polygon has at least one ring) and the number of positions stays within a budget;
* what comes out are plain floats in GeoJSON's nesting, the only thing handed to GEOS.
"""

import math

from django.utils.translation import gettext as _

from .errors import InputError

#: Positions a drawing may have (statements, pins); the message names the number.
DRAWING_MAX_VERTICES = 500

#: type -> the levels of lists around its positions, outermost first.
_LINE, _RING = "line", "ring"
_STRUCTURE = {
    "Point": (),
    "MultiPoint": ("list",),
    "LineString": (_LINE,),
    "MultiLineString": ("list", _LINE),
    "Polygon": ("polygon", _RING),
    "MultiPolygon": ("list", "polygon", _RING),
}


class _Budget:
    def __init__(self, max_vertices: int) -> None:
        self.left = max_vertices
        self.max = max_vertices

    def take(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise InputError(
                _("The drawn geometry has too many points (at most %(max)d).") % {"max": self.max}
            )


def _ordinate(value, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(_("The coordinates must be numbers."))
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(_("The geometry contains invalid coordinates (NaN or infinite)."))
    if not low <= value <= high:  # exact for ints of any size, before any conversion
        raise InputError(_("The coordinates must be longitude and latitude in WGS84 (EPSG:4326)."))
    return float(value)


def _position(node, budget: _Budget) -> list[float]:
    if not isinstance(node, list):
        raise InputError(_("The coordinates must be numbers."))
    if len(node) > 2:
        raise InputError(
            _("Each point needs exactly two numbers, longitude and latitude; heights or other "
              "values are not accepted.")
        )
    if len(node) < 2:
        raise InputError(_("Each point needs two numbers, longitude and latitude."))
    budget.take()
    return [_ordinate(node[0], -180, 180), _ordinate(node[1], -90, 90)]


def _list(node) -> list:
    if not isinstance(node, list):
        raise InputError(_("The geometry is not valid GeoJSON."))
    if not node:
        raise InputError(_("The geometry has no coordinates."))
    return node


def _walk(node, levels: tuple[str, ...], budget: _Budget):
    if not levels:
        return _position(node, budget)
    level, rest = levels[0], levels[1:]
    items = [_walk(item, rest, budget) for item in _list(node)]
    if level == _LINE and len(items) < 2:
        raise InputError(_("A line needs at least two points."))
    if level == _RING:
        if len(items) < 4:
            raise InputError(_("The outline of an area needs at least three different points."))
        if items[0] != items[-1]:
            raise InputError(_("The outline of an area must be closed (last point = first point)."))
    return items


def checked_coordinates(kind: str, coordinates, *, max_vertices: int) -> list:
    """The canonical coordinates of a GeoJSON geometry of `kind`, or InputError.

    `kind` must be one of the six simple GeoJSON types (the caller has checked which it allows).
    """
    levels = _STRUCTURE.get(kind)
    if levels is None:
        raise InputError(_("Mark a point, a line or an area."))
    if coordinates is None or coordinates == []:
        raise InputError(_("The geometry has no coordinates."))
    return _walk(coordinates, levels, _Budget(max_vertices))
