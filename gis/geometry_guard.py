"""Cheap checks of a GEOS geometry that came from outside (a file, an import, another service).

Where a geometry did not pass gis.geojson_input (WKT from an import file, a geometry read by
GDAL, a caller of a service), these checks run first, before anything expensive or any text
writer (WKT/EWKT; SpatiaLite receives geometries as WKT) sees it. Each costs one pass over the
coordinates at most:

* the number of positions is within the caller's budget;
* the geometry is 2D (GEOS 3.11's WKT writer overflows its stack on a huge Z, issue #9);
* every ordinate is finite and within the range of the coordinate system: -180..180 / -90..90
  in WGS84, +-1e8 m in a projected system (the writer's overflow needs far more digits).
"""

import math

from django.contrib.gis.geos import GEOSGeometry
from django.utils.translation import gettext as _

from .errors import InputError
from .srid import WGS84

#: Largest absolute ordinate accepted in a projected (metric) system: 100,000 km.
MAX_PROJECTED_ORDINATE = 1e8


def check_untrusted_geometry(geometry: GEOSGeometry, *, max_vertices: int,
                             location: str | None = None) -> None:
    """Raise InputError unless `geometry` is 2D, bounded and has at most max_vertices points."""
    count = geometry.num_coords
    if count > max_vertices:
        raise InputError(
            _("The geometry has %(count)d points; at most %(max)d are accepted.")
            % {"count": count, "max": max_vertices}, location=location,
        )
    if geometry.hasz:
        raise InputError(
            _("The geometry has heights (Z values); only two-dimensional geometries are accepted."),
            location=location,
        )
    if geometry.empty:
        raise InputError(_("The geometry is empty."), location=location)
    minx, miny, maxx, maxy = geometry.extent
    if not all(math.isfinite(value) for value in (minx, miny, maxx, maxy)):
        raise InputError(_("The geometry contains invalid coordinates (NaN or infinite)."),
                         location=location)
    if geometry.srid == WGS84:
        inside = -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    else:
        inside = max(abs(minx), abs(miny), abs(maxx), abs(maxy)) <= MAX_PROJECTED_ORDINATE
    if not inside:
        raise InputError(_("The coordinates lie outside the range of the coordinate system."),
                         location=location)
