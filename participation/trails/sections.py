"""Trail sections: where a point lies along a trail, and which sections hold it.

A section is the stretch from `start_km` to `end_km` along the trail's stored course: the point
is projected onto the course (GEOS, in the metric storage SRID), its share of the planar length
is taken as its share of the trail's geodesic length (`Trail.length_m`). A multi-part course is
measured in the order of its stored parts. A report belongs to a section when it snapped onto
that trail (`TrailReport.trail`); a signpost when the trail is one of its trails (25 m).
"""

from .models import TrailSection


def position_km(trail, point) -> float:
    """Distance of `point` along `trail` in km (0 at the start of the stored course)."""
    fraction = trail.geometry.project_normalized(point)
    return round(fraction * trail.length_m / 1000, 3)


def sections_at(trail, point, sections=None) -> list[TrailSection]:
    """The sections of `trail` (or of the given ones on it) that hold `point`."""
    km = position_km(trail, point)
    candidates = sections if sections is not None else trail.sections.all()
    return [section for section in candidates
            if section.trail_id == trail.pk and section.start_km <= km <= section.end_km]
