"""Geometry validation and repair (SECURITY.md A5); the repair is bounded in time."""

import math
from dataclasses import dataclass

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from django.utils.translation import gettext as _

from .errors import InputError
from .geometry_repair import make_valid_bounded


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
    if isinstance(geometry, MultiPolygon) and not geometry.empty and geometry.area > 0:
        return geometry  # no part-by-part copy of a MultiPolygon with thousands of parts
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


def _checked_validity(geometry: GEOSGeometry, location: str | None) -> str | None:
    """None for a valid geometry, else the GEOS reason; InputError for empty or NaN ones."""
    if geometry.empty:
        raise InputError(_("The geometry is empty."), location=location)
    if _has_bad_coordinates(geometry):
        raise InputError(
            _("The geometry contains invalid coordinates (NaN or infinite)."), location=location
        )
    if geometry.valid:
        return None
    return geometry.valid_reason


def _finish(geometry: GEOSGeometry, *, polygons_only: bool, location: str | None) -> GEOSGeometry:
    if polygons_only:
        polygons = polygonal_parts(geometry)
        if polygons is None:
            raise InputError(
                _("An area (polygon) is required, but the geometry is a %(type)s.")
                % {"type": geometry.geom_type},
                location=location,
            )
        geometry = polygons
    return geometry


def repair_geometries(
    geometries: list[GEOSGeometry], *, polygons_only: bool, locations: list[str | None]
) -> list[tuple[GEOSGeometry, RepairOutcome | None]]:
    """Valid versions of `geometries`, the invalid ones repaired together in bounded time.

    The validity test is cheap; the repairs (GEOS MakeValid) run in one sandbox child with a
    CPU limit (gis.geometry_repair). With polygons_only each result is a MultiPolygon. A geometry
    that cannot be repaired into the expected type raises InputError naming its location and
    the GEOS reason; a repair beyond the limits raises the sandbox's InputError.
    """
    reasons = [_checked_validity(g, loc) for g, loc in zip(geometries, locations, strict=True)]
    invalid = [i for i, reason in enumerate(reasons) if reason is not None]
    repaired = dict(zip(invalid, make_valid_bounded([geometries[i] for i in invalid]),
                        strict=True))
    results = []
    for index, (geometry, location) in enumerate(zip(geometries, locations, strict=True)):
        repair = None
        if index in repaired:
            fixed = repaired[index]
            if fixed is None or fixed.empty or not fixed.valid:
                raise InputError(
                    _("The geometry is invalid and cannot be repaired: %(reason)s")
                    % {"reason": reasons[index]},
                    location=location,
                )
            repair = RepairOutcome(reason=reasons[index], location=location)
            geometry = fixed
        results.append((_finish(geometry, polygons_only=polygons_only, location=location), repair))
    return results


def repair_geometry(
    geometry: GEOSGeometry, *, polygons_only: bool, location: str | None = None
) -> tuple[GEOSGeometry, RepairOutcome | None]:
    """Return a valid geometry, repairing it with GEOS MakeValid (bounded) where needed.

    With polygons_only the result is always a MultiPolygon. A geometry that cannot be repaired
    into the expected type raises InputError naming the location and the GEOS reason.
    """
    return repair_geometries([geometry], polygons_only=polygons_only, locations=[location])[0]
