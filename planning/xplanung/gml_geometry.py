"""GML 3.2 (and 3.1) geometries of XPlanGML -> GEOS, with ring checks and careful repair.

Supported: Point, MultiPoint, LineString, Curve (segments LineStringSegment, Arc, ArcString,
Circle), OrientableCurve, CompositeCurve, MultiCurve, LinearRing, Ring, Polygon, Surface with
PolygonPatch, CompositeSurface, MultiSurface (and GML 3.1 MultiPolygon / MultiLineString),
MultiGeometry. Coordinates from posList, pos, coordinates or pointProperty; srsDimension 3 keeps
x and y. srsName is inherited from enclosing geometry elements, then the feature's and the
document's gml:boundedBy.

Repairs happen only where the intent is unambiguous, and are reported as warnings:
- a ring whose end misses its start by at most ring_closing_tolerance_m is closed;
- curve members that miss each other by at most that distance are joined;
- ring orientation is normalised (exterior counter-clockwise, holes clockwise);
- overlapping members of a MultiSurface are merged into one area.
Everything else (wider gaps, too few points, self-intersections, holes outside the shell) is an
error naming the line, the object and the coordinates of the problem; the geometry is dropped.
"""

import math
import re

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.utils.translation import gettext as _

from . import wkb
from .crs import metres_to_crs_units, parse_srs_name
from .gml_curves import (
    CurveReader,
    GeometryProblem,
    Point,
    children_named,
    format_point,
    members_of,
)
from .namespaces import GML_NAMESPACES, split_tag

SURFACE_TYPES = {"Polygon", "Surface", "CompositeSurface", "MultiSurface", "MultiPolygon"}
CURVE_TYPES = {
    "LineString",
    "Curve",
    "CompositeCurve",
    "OrientableCurve",
    "MultiCurve",
    "MultiLineString",
}
POINT_TYPES = {"Point", "MultiPoint"}
GEOMETRY_TYPES = SURFACE_TYPES | CURVE_TYPES | POINT_TYPES | {"MultiGeometry"}
_REASON_COORDINATES = re.compile(r"\[\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)")


def is_geometry_element(element) -> bool:
    namespace, local = split_tag(element.tag)
    return namespace in GML_NAMESPACES and local in GEOMETRY_TYPES


class GeometryReader(CurveReader):
    """Reads the geometries of one document; counts vertices and orientation fixes."""

    def read(self, element, *, gml_id: str | None, fallback_srs: str | None) -> GEOSGeometry | None:
        """The geometry of a GML element, or None (an error message was logged)."""
        self._gml_id = gml_id
        self.has_arcs = False
        try:
            srs_name = element.get("srsName") or fallback_srs
            if not srs_name:
                raise GeometryProblem(
                    "crs_missing",
                    _(
                        "The geometry has no coordinate reference system (srsName), neither on "
                        "itself nor in gml:boundedBy. Export the plan with a CRS such as "
                        "EPSG:25832."
                    ),
                    line=element.sourceline,
                )
            crs = parse_srs_name(srs_name)
            if crs is None:
                raise GeometryProblem(
                    "crs_unsupported",
                    _(
                        "The coordinate reference system “%(srs)s” is not supported. Use an EPSG "
                        "code (e.g. EPSG:25832 or urn:ogc:def:crs:EPSG::25833) or an AdV name "
                        "(e.g. urn:adv:crs:ETRS89_UTM32)."
                    )
                    % {"srs": srs_name[:200]},
                    line=element.sourceline,
                )
            self._crs, self._srs_name = crs, srs_name
            self._tolerance = metres_to_crs_units(crs.epsg, self.limits.ring_closing_tolerance_m)
            self._arc_tolerance = metres_to_crs_units(crs.epsg, self.limits.arc_tolerance_m)
            return self._build(element, 2)
        except GeometryProblem as problem:
            self.log.error(
                problem.code,
                problem.message,
                line=problem.line or element.sourceline,
                gml_id=gml_id,
                coordinates=problem.coordinates,
            )
            return None

    def _ring(self, element, dimension: int, *, exterior: bool) -> list[Point]:
        points = self._curve(element, dimension)
        deduplicated = [points[0]] if points else []
        for point in points[1:]:
            if point != deduplicated[-1]:
                deduplicated.append(point)
        points = deduplicated
        line = element.sourceline
        if len(set(points)) < 3:
            raise GeometryProblem(
                "ring_too_few_points",
                _(
                    "A boundary ring has only %(count)d distinct points; an area needs at least "
                    "3 corners."
                )
                % {"count": len(set(points))},
                line=line,
                coordinates=points[0] if points else None,
            )
        if points[0] != points[-1]:
            gap = math.dist(points[0], points[-1])
            if gap > self._tolerance:
                raise GeometryProblem(
                    "ring_not_closed",
                    _(
                        "A boundary ring is not closed: it starts at (%(start)s) and ends at "
                        "(%(end)s), %(gap).3f units apart. Close the ring in the planning "
                        "software and export again."
                    )
                    % {
                        "start": format_point(points[0]),
                        "end": format_point(points[-1]),
                        "gap": gap,
                    },
                    line=line,
                    coordinates=points[-1],
                )
            self.log.warning(
                "ring_closed",
                _(
                    "A boundary ring ended %(gap).4f units from its start (%(start)s); its end "
                    "point was moved onto the start to close it."
                )
                % {"gap": gap, "start": format_point(points[0])},
                line=line,
                gml_id=self._gml_id,
                coordinates=points[0],
            )
            points[-1] = points[0]  # snap the end onto the start: no sliver, no spike
            if len(points) > 2 and points[-2] == points[-1]:
                points.pop()
        if len(points) < 4:
            raise GeometryProblem(
                "ring_too_few_points",
                _(
                    "A boundary ring has only %(count)d distinct points; an area needs at least "
                    "3 corners."
                )
                % {"count": len(points) - 1},
                line=line,
                coordinates=points[0],
            )
        area = _signed_area(points)
        if area == 0 and _collinear(points):
            raise GeometryProblem(
                "ring_degenerate",
                _("A boundary ring encloses no area (all its points lie on one line)."),
                line=line,
                coordinates=points[0],
            )
        if area != 0 and (area > 0) != exterior:
            points.reverse()
            self.orientation_fixes += 1
        return points

    def _polygon(self, element, dimension: int) -> list[list[Point]]:
        self._check_srs(element)
        dimension = self._dimension(element, dimension)
        exterior = [
            c
            for e in children_named(element, "exterior", "outerBoundaryIs")
            for c in e
            if isinstance(c.tag, str)
        ]
        interior = [
            c
            for e in children_named(element, "interior", "innerBoundaryIs")
            for c in e
            if isinstance(c.tag, str)
        ]
        if len(exterior) != 1:
            raise GeometryProblem(
                "polygon_no_exterior",
                _("The area has no outer boundary (gml:exterior)."),
                line=element.sourceline,
            )
        rings = [self._ring(exterior[0], dimension, exterior=True)]
        rings += [self._ring(ring, dimension, exterior=False) for ring in interior]
        return rings

    # -- assembling ----------------------------------------------------------------------
    def _surfaces(self, element, dimension: int) -> list[list[list[Point]]]:
        local = split_tag(element.tag)[1]
        self._check_srs(element)
        dimension = self._dimension(element, dimension)
        if local in ("Polygon", "PolygonPatch"):
            return [self._polygon(element, dimension)]
        if local == "Surface":
            return [
                self._polygon(patch, dimension)
                for patches in children_named(element, "patches")
                for patch in patches
                if isinstance(patch.tag, str)
            ]
        if local in ("MultiSurface", "CompositeSurface", "MultiPolygon"):
            members = members_of(element, "surfaceMember", "surfaceMembers")
            members += members_of(element, "polygonMember")
            return [poly for member in members for poly in self._surfaces(member, dimension)]
        self._unsupported(element)
        return []

    def _build(self, element, dimension: int) -> GEOSGeometry:
        local = split_tag(element.tag)[1]
        srid = self._crs.epsg
        if local in SURFACE_TYPES:
            polygons = self._surfaces(element, dimension)
            if not polygons:
                raise GeometryProblem(
                    "geometry_empty",
                    _("The %(type)s contains no areas.") % {"type": local},
                    line=element.sourceline,
                )
            return self._valid_surface(element, polygons, srid, multi=local != "Polygon")
        if local in ("MultiCurve", "MultiLineString"):
            members = members_of(element, "curveMember", "curveMembers")
            members += members_of(element, "lineStringMember")
            lines = [self._line(member, dimension) for member in members]
            return wkb.to_geos(wkb.multi_wkb("line", [wkb.linestring_wkb(c) for c in lines]), srid)
        if local in CURVE_TYPES:
            return wkb.to_geos(wkb.linestring_wkb(self._line(element, dimension)), srid)
        if local == "Point":
            return wkb.to_geos(wkb.point_wkb(self._point(element, dimension)), srid)
        if local == "MultiPoint":
            points = [
                self._point(m, dimension)
                for m in members_of(element, "pointMember", "pointMembers")
            ]
            return wkb.to_geos(wkb.multi_wkb("point", [wkb.point_wkb(p) for p in points]), srid)
        if local == "MultiGeometry":
            members = members_of(element, "geometryMember", "geometryMembers")
            parts = [self._build(member, dimension).wkb.tobytes() for member in members]
            return wkb.to_geos(wkb.multi_wkb("collection", parts), srid)
        self._unsupported(element)
        return None

    def _line(self, element, dimension: int) -> list[Point]:
        points = self._curve(element, dimension)
        if len(points) < 2 or len(set(points)) < 2:
            raise GeometryProblem(
                "line_too_few_points",
                _("A line has fewer than 2 distinct points."),
                line=element.sourceline,
                coordinates=points[0] if points else None,
            )
        return points

    def _point(self, element, dimension: int) -> Point:
        points = self._positions(element, dimension)
        if len(points) != 1:
            raise GeometryProblem(
                "point_invalid",
                _("A point must have exactly one position; it has %(count)d.")
                % {"count": len(points)},
                line=element.sourceline,
            )
        return points[0]

    def _valid_surface(self, element, polygons, srid: int, *, multi: bool) -> GEOSGeometry:
        parts = []
        for rings in polygons:
            polygon = wkb.to_geos(wkb.polygon_wkb(rings), srid)
            if not polygon.valid:
                raise _invalid(polygon, element)
            parts.append(polygon)
        if len(parts) == 1 and not multi:
            return parts[0]
        geometry = wkb.to_geos(wkb.multi_wkb("polygon", [p.wkb.tobytes() for p in parts]), srid)
        if geometry.valid:
            return geometry
        try:
            merged = geometry.unary_union
        except GEOSException as exc:
            raise _invalid(geometry, element) from exc
        if merged.geom_type == "Polygon":
            merged = wkb.to_geos(wkb.multi_wkb("polygon", [merged.wkb.tobytes()]), srid)
        if merged.geom_type != "MultiPolygon" or not merged.valid:
            raise _invalid(geometry, element)
        merged.srid = srid
        self.log.warning(
            "surfaces_merged",
            _(
                "The parts of a multi-area overlap (%(reason)s); they were merged into one "
                "area. Check the result."
            )
            % {"reason": geometry.valid_reason},
            line=element.sourceline,
            gml_id=self._gml_id,
            coordinates=_reason_point(geometry.valid_reason),
        )
        return merged


def _signed_area(points: list[Point]) -> float:
    x0, y0 = points[0]
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        total += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    return total / 2.0


def _collinear(points: list[Point]) -> bool:
    origin = points[0]
    far = max(points, key=lambda p: math.dist(origin, p))
    dx, dy = far[0] - origin[0], far[1] - origin[1]
    scale = dx * dx + dy * dy
    return all(
        abs(dx * (p[1] - origin[1]) - dy * (p[0] - origin[0])) <= 1e-12 * scale for p in points
    )


def _reason_point(reason: str) -> tuple[float, float] | None:
    match = _REASON_COORDINATES.search(reason or "")
    if not match:
        return None
    return float(match.group(1)), float(match.group(2))


def _invalid(geometry: GEOSGeometry, element) -> GeometryProblem:
    reason = geometry.valid_reason
    point = _reason_point(reason)
    where = format_point(point) if point else "?"
    if reason.startswith(("Self-intersection", "Ring Self-intersection")):
        message = _(
            "The boundary of the area crosses itself at (%(where)s). Correct the boundary in "
            "the planning software and export again."
        ) % {"where": where}
        code = "self_intersection"
    elif reason.startswith("Hole lies outside shell"):
        message = _("A hole of the area lies outside its outer boundary, near (%(where)s).") % {
            "where": where
        }
        code = "hole_outside_shell"
    else:
        message = _("The area is invalid: %(reason)s.") % {"reason": reason}
        code = "polygon_invalid"
    return GeometryProblem(code, message, line=element.sourceline, coordinates=point)
