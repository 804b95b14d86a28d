"""Linearisation of circular arcs (gml:Arc, gml:ArcString, gml:Circle).

An arc given by three points (start, a point on the arc, end) is replaced by a polyline whose
largest distance from the true arc (the sagitta of each chord) is at most `tolerance` (0.01 m
by default, see XPlanLimits.arc_tolerance_m). The three given points are kept exactly, so arcs
still meet their neighbours and a closed ring stays closed. Three collinear points are a
straight line (ISO 19107). The number of chords per arc is capped (max_segments).
"""

import math

Point = tuple[float, float]


def _circle(p0: Point, p1: Point, p2: Point) -> tuple[float, float, float] | None:
    """Centre x, y and radius of the circle through three points; None if they are collinear."""
    # Work relative to p0: coordinates of 5 million (UTM northings) would lose precision when
    # squared.
    bx, by = p1[0] - p0[0], p1[1] - p0[1]
    cx, cy = p2[0] - p0[0], p2[1] - p0[1]
    d = 2.0 * (bx * cy - by * cx)
    chord = math.hypot(cx, cy) or math.hypot(bx, by)
    if chord == 0.0 or abs(d) <= 1e-12 * chord * chord:
        return None
    b2 = bx * bx + by * by
    c2 = cx * cx + cy * cy
    ux = (cy * b2 - by * c2) / d
    uy = (bx * c2 - cx * b2) / d
    return p0[0] + ux, p0[1] + uy, math.hypot(ux, uy)


def _step_angle(radius: float, tolerance: float) -> float:
    """Largest angle per chord so that the chord stays within tolerance of the arc."""
    if tolerance >= radius:
        return math.pi / 2
    return max(2.0 * math.acos(1.0 - tolerance / radius), 1e-9)


def _sweep(a_from: float, a_to: float, counter_clockwise: bool) -> float:
    two_pi = 2.0 * math.pi
    if counter_clockwise:
        return (a_to - a_from) % two_pi
    return -((a_from - a_to) % two_pi)


def _densify(
    centre: tuple[float, float],
    radius: float,
    start_angle: float,
    sweep: float,
    end: Point,
    tolerance: float,
    max_segments: int,
) -> list[Point]:
    """Points after the start up to and including `end` (the exact given end point)."""
    count = math.ceil(abs(sweep) / _step_angle(radius, tolerance))
    count = min(max(count, 1), max_segments)
    points = [
        (
            centre[0] + radius * math.cos(start_angle + sweep * i / count),
            centre[1] + radius * math.sin(start_angle + sweep * i / count),
        )
        for i in range(1, count)
    ]
    points.append(end)
    return points


def arc_points(
    p0: Point, p1: Point, p2: Point, *, tolerance: float, max_segments: int
) -> list[Point]:
    """Linearise the arc from p0 through p1 to p2; returns p0 … p2 (p1 included)."""
    circle = _circle(p0, p1, p2)
    if circle is None:
        return [p0, p1, p2] if p1 not in (p0, p2) else [p0, p2]
    cx, cy, radius = circle
    cross = (p1[0] - p0[0]) * (p2[1] - p1[1]) - (p1[1] - p0[1]) * (p2[0] - p1[0])
    ccw = cross > 0
    a0 = math.atan2(p0[1] - cy, p0[0] - cx)
    a1 = math.atan2(p1[1] - cy, p1[0] - cx)
    a2 = math.atan2(p2[1] - cy, p2[0] - cx)
    half = max(max_segments // 2, 1)
    points = [p0]
    points += _densify((cx, cy), radius, a0, _sweep(a0, a1, ccw), p1, tolerance, half)
    points += _densify((cx, cy), radius, a1, _sweep(a1, a2, ccw), p2, tolerance, half)
    return points


def arc_string_points(
    points: list[Point], *, tolerance: float, max_segments: int
) -> list[Point] | None:
    """Linearise an ArcString (2n+1 points, consecutive triples are arcs); None if malformed."""
    if len(points) < 3 or len(points) % 2 == 0:
        return None
    result = [points[0]]
    for i in range(0, len(points) - 2, 2):
        result += arc_points(
            points[i], points[i + 1], points[i + 2], tolerance=tolerance, max_segments=max_segments
        )[1:]
    return result


def circle_points(
    p0: Point, p1: Point, p2: Point, *, tolerance: float, max_segments: int
) -> list[Point] | None:
    """Linearise the full circle through three points, starting and ending at p0."""
    circle = _circle(p0, p1, p2)
    if circle is None:
        return None
    cx, cy, radius = circle
    cross = (p1[0] - p0[0]) * (p2[1] - p1[1]) - (p1[1] - p0[1]) * (p2[0] - p1[0])
    sweep = 2.0 * math.pi if cross > 0 else -2.0 * math.pi
    a0 = math.atan2(p0[1] - cy, p0[0] - cx)
    return [p0, *_densify((cx, cy), radius, a0, sweep, p0, tolerance, max_segments)]
