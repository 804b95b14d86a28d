"""Geometry validation and repair (SECURITY.md A5)."""

import math
from dataclasses import dataclass

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from django.utils.translation import gettext as _

from .errors import InputError


@dataclass(frozen=True)
class RepairOutcome:
    """What repair_geometry did to an invalid geometry, for the import report."""

    reason: str
    location: str | None


def _has_bad_coordinates(geometry: GEOSGeometry) -> bool:
    # NaN and infinities survive WKB; GEOS validity does not always flag them.
    extent = geometry.extent
    return any(not math.isfinite(value) for value in extent)


def polygonal_parts(geometry: GEOSGeometry) -> MultiPolygon | None:
    """The polygons of any geometry as one MultiPolygon (None if there are none)."""
    polygons: list[Polygon] = []

    def collect(geom):
        if isinstance(geom, Polygon):
            if not geom.empty and geom.area > 0:
                polygons.append(geom)
        elif isinstance(geom, MultiPolygon) or geom.geom_type == "GeometryCollection":
            for part in geom:
                collect(part)

    collect(geometry)
    if not polygons:
        return None
    return MultiPolygon(polygons, srid=geometry.srid)


def repair_geometry(
    geometry: GEOSGeometry, *, polygons_only: bool, location: str | None = None
) -> tuple[GEOSGeometry, RepairOutcome | None]:
    """Return a valid geometry, repairing it with GEOS MakeValid where needed.

    With polygons_only the result is always a MultiPolygon. A geometry that cannot be repaired
    into the expected type raises InputError naming the location and the GEOS reason.
    """
    if geometry.empty:
        raise InputError(_("The geometry is empty."), location=location)
    if _has_bad_coordinates(geometry):
        raise InputError(
            _("The geometry contains invalid coordinates (NaN or infinite)."), location=location
        )
    repair = None
    if not geometry.valid:
        reason = geometry.valid_reason
        repaired = geometry.make_valid()
        repaired.srid = geometry.srid
        if repaired.empty or not repaired.valid:
            raise InputError(
                _("The geometry is invalid and cannot be repaired: %(reason)s")
                % {"reason": reason},
                location=location,
            )
        repair = RepairOutcome(reason=reason, location=location)
        geometry = repaired
    if polygons_only:
        polygons = polygonal_parts(geometry)
        if polygons is None:
            raise InputError(
                _("An area (polygon) is required, but the geometry is a %(type)s.")
                % {"type": geometry.geom_type},
                location=location,
            )
        geometry = polygons
    return geometry, repair
