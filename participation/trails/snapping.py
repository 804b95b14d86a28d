"""Snapping a report's point onto the nearest trail.

A report of a trail category (TrailCategory) within SNAP_TOLERANCE_M of one of the
authority's trails is moved onto the nearest point of that trail; the point as reported is
kept in TrailReport.original_location. Farther away, the report stays where it was put.
"""

from django.contrib.gis.geos import Point

from .models import Trail

SNAP_TOLERANCE_M = 50.0


def nearest_trail(authority, point, tolerance_m: float = SNAP_TOLERANCE_M):
    """(trail, snapped point, distance in metres) or None when no trail is that near."""
    best = None
    for trail in Trail.objects.filter(authority=authority,
                                      geometry__dwithin=(point, tolerance_m)):
        for line in trail.geometry:
            distance = line.distance(point)
            if distance <= tolerance_m and (best is None or distance < best[2]):
                snapped = line.interpolate(line.project(point))
                best = (trail, Point(snapped.x, snapped.y, srid=point.srid), distance)
    return best
