"""Coordinates and curves of GML geometries: positions, srsDimension, line segments, arcs.

The base of GeometryReader (gml_geometry.py): turns posList / pos / coordinates and the curve
elements (LineString, Curve with LineStringSegment / Arc / ArcString / Circle segments,
OrientableCurve, CompositeCurve, Ring) into lists of (x, y) in traditional GIS order, checking
numbers, dimensions, the document's vertex cap and that consecutive parts meet.
"""

import math

from django.utils.translation import gettext as _

from . import arcs
from .crs import ParsedCrs, parse_srs_name
from .limits import XPlanLimits
from .messages import MessageLog, XPlanReadError
from .namespaces import split_tag

Point = tuple[float, float]


class GeometryProblem(Exception):
    """A geometry that cannot be read; becomes an error message for its object."""

    def __init__(self, code: str, message: str, *, line=None, coordinates=None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.coordinates = coordinates


def format_point(point: Point) -> str:
    return f"{point[0]:.3f} {point[1]:.3f}"


def children_named(element, *names: str):
    namespace = split_tag(element.tag)[0]
    wanted = {f"{{{namespace}}}{name}" for name in names}
    return [child for child in element if child.tag in wanted]


def members_of(element, *containers: str):
    """Geometry elements inside member properties (xxxMember: one, xxxMembers: several)."""
    return [
        child
        for member in children_named(element, *containers)
        for child in member
        if isinstance(child.tag, str)
    ]


class CurveReader:
    """State and curve reading shared by all geometries of one document."""

    def __init__(self, limits: XPlanLimits, log: MessageLog) -> None:
        self.limits = limits
        self.log = log
        self.vertex_count = 0
        self.orientation_fixes = 0
        self._crs: ParsedCrs | None = None
        self._srs_name = ""
        self._gml_id: str | None = None
        self._tolerance = 0.0
        self._arc_tolerance = 0.0
        self.has_arcs = False

    def _check_srs(self, element) -> None:
        name = element.get("srsName")
        if name and name != self._srs_name:
            other = parse_srs_name(name)
            if other is None or other.epsg != self._crs.epsg:
                raise GeometryProblem(
                    "crs_mixed",
                    _(
                        "Parts of one geometry use different coordinate reference systems "
                        "(“%(a)s” and “%(b)s”); use one CRS per geometry."
                    )
                    % {"a": self._srs_name[:100], "b": name[:100]},
                    line=element.sourceline,
                )

    def _numbers(self, element, text: str) -> list[float]:
        try:
            values = [float(value) for value in text.split()]
        except ValueError:
            raise GeometryProblem(
                "coordinates_invalid",
                _("The coordinates contain something that is not a number."),
                line=element.sourceline,
            ) from None
        if not all(map(math.isfinite, values)):
            raise GeometryProblem(
                "coordinates_invalid",
                _("The coordinates contain values that are not finite numbers (NaN, infinity)."),
                line=element.sourceline,
            )
        return values

    def _pairs(self, element, values: list[float], dimension: int) -> list[Point]:
        if dimension not in (2, 3) or len(values) % dimension:
            raise GeometryProblem(
                "coordinates_invalid",
                _(
                    "%(count)d numbers do not make whole coordinates of dimension %(dim)d; the "
                    "coordinate list is damaged."
                )
                % {"count": len(values), "dim": dimension},
                line=element.sourceline,
            )
        if self._crs.latitude_first:
            points = list(zip(values[1::dimension], values[0::dimension], strict=True))
        else:
            points = list(zip(values[0::dimension], values[1::dimension], strict=True))
        self.vertex_count += len(points)
        if self.vertex_count > self.limits.max_vertices:
            raise XPlanReadError(
                _("The file has more than %(max)d coordinates; it is refused as too large.")
                % {"max": self.limits.max_vertices},
                code="too_many_vertices",
                line=element.sourceline,
            )
        return points

    def _dimension(self, element, default: int) -> int:
        value = element.get("srsDimension")
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            return -1

    def _positions(self, element, dimension: int) -> list[Point]:
        """Coordinates of a LineString, LinearRing, segment or Point element."""
        self._check_srs(element)
        dimension = self._dimension(element, dimension)
        namespace = split_tag(element.tag)[0]
        pos_list = element.find(f"{{{namespace}}}posList")
        if pos_list is not None:
            self._check_srs(pos_list)
            values = self._numbers(pos_list, pos_list.text or "")
            return self._pairs(pos_list, values, self._dimension(pos_list, dimension))
        coordinates = element.find(f"{{{namespace}}}coordinates")
        if coordinates is not None:
            return self._legacy_coordinates(coordinates)
        points: list[Point] = []
        for child in element:
            local = split_tag(child.tag)[1] if isinstance(child.tag, str) else ""
            if local == "pos":
                values = self._numbers(child, child.text or "")
                points += self._pairs(child, values, self._dimension(child, len(values)))
            elif local in ("pointProperty", "pointRep"):
                for point in child:
                    if isinstance(point.tag, str):
                        points += self._positions(point, dimension)
        return points

    def _legacy_coordinates(self, element) -> list[Point]:
        """GML 2/3.1 gml:coordinates: tuples split by ts, values by cs, decimal mark."""
        separator = element.get("cs", ",")
        tuple_separator = element.get("ts", " ")
        decimal = element.get("decimal", ".")
        text = element.text or ""
        tuples = text.split(tuple_separator) if tuple_separator.strip() else text.split()
        tuples = [item for item in tuples if item.strip()]
        if not tuples or separator == decimal:
            return []
        dimension = len(tuples[0].split(separator))
        flat = " ".join(item.replace(separator, " ") for item in tuples)
        if decimal != ".":
            flat = flat.replace(decimal, ".")
        return self._pairs(element, self._numbers(element, flat), dimension)

    # -- curves and rings ----------------------------------------------------------------
    def _join(self, parts: list[list[Point]], element) -> list[Point]:
        result = list(parts[0])
        for part in parts[1:]:
            if not part:
                continue
            gap = math.dist(result[-1], part[0])
            if gap > self._tolerance:
                raise GeometryProblem(
                    "curve_gap",
                    _(
                        "The parts of a boundary do not meet: one ends at (%(a)s), the next "
                        "starts at (%(b)s), %(gap).3f units apart."
                    )
                    % {"a": format_point(result[-1]), "b": format_point(part[0]), "gap": gap},
                    line=element.sourceline,
                    coordinates=result[-1],
                )
            result += part[1:]
        return result

    def _curve(self, element, dimension: int) -> list[Point]:
        self._check_srs(element)
        dimension = self._dimension(element, dimension)
        local = split_tag(element.tag)[1]
        if local in ("LineString", "LineStringSegment", "LinearRing"):
            return self._positions(element, dimension)
        if local in ("Arc", "ArcString", "Circle"):
            self.has_arcs = True
            points = self._positions(element, dimension)
            if local == "Circle":
                result = (
                    arcs.circle_points(
                        *points,
                        tolerance=self._arc_tolerance,
                        max_segments=self.limits.max_segments_per_arc,
                    )
                    if len(points) == 3
                    else None
                )
            else:
                result = arcs.arc_string_points(
                    points,
                    tolerance=self._arc_tolerance,
                    max_segments=self.limits.max_segments_per_arc,
                )
            if result is None:
                raise GeometryProblem(
                    "arc_invalid",
                    _(
                        "The %(type)s has %(count)d points; an arc needs 3 (an arc string an "
                        "odd number of at least 3), and a circle 3 points not on one line."
                    )
                    % {"type": local, "count": len(points)},
                    line=element.sourceline,
                    coordinates=points[0] if points else None,
                )
            self.vertex_count += len(result)
            return result
        if local == "Curve":
            segments = [
                self._curve(segment, dimension)
                for container in children_named(element, "segments")
                for segment in container
                if isinstance(segment.tag, str)
            ]
            return self._join_or_fail(segments, element)
        if local in ("CompositeCurve", "Ring"):
            members = [self._curve(m, dimension) for m in members_of(element, "curveMember")]
            return self._join_or_fail(members, element)
        if local == "OrientableCurve":
            bases = [
                child
                for base in children_named(element, "baseCurve")
                for child in base
                if isinstance(child.tag, str)
            ]
            if len(bases) != 1:
                self._unsupported(element)
            points = self._curve(bases[0], dimension)
            return points[::-1] if element.get("orientation") == "-" else points
        self._unsupported(element)
        return []

    def _join_or_fail(self, parts: list[list[Point]], element) -> list[Point]:
        parts = [part for part in parts if part]
        if not parts:
            raise GeometryProblem(
                "geometry_empty",
                _("The %(type)s contains no coordinates.") % {"type": split_tag(element.tag)[1]},
                line=element.sourceline,
            )
        return self._join(parts, element)

    def _unsupported(self, element) -> None:
        raise GeometryProblem(
            "geometry_unsupported",
            _(
                "The geometry type %(type)s is not supported. Use polygons, lines, points, or "
                "curves made of line strings and circular arcs."
            )
            % {"type": split_tag(element.tag)[1]},
            line=element.sourceline,
        )
