"""Reads of statements for staff: scoped to the user's authorities, filtered in SQL.

The same filters serve the list, the map (GeoJSON and vector tiles), the CSV export and the
staff API. Map positions are computed in the database: the statement's point, or a point on
the surface of a drawn line or area, reprojected to WGS84 (or Web Mercator for tiles).
"""

import json

from django.contrib.gis.db.models.functions import AsGeoJSON, PointOnSurface, Transform
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast

from gis.srid import WGS84
from portal.models import Phase
from portal.tenancy import scoped_to_staff

from ..models import (
    ParticipationDefaults,
    Plan,
    Statement,
    StatementAttachment,
    StatementSettings,
)

MAP_PRECISION = 6
TILE_BUFFER = 64 / 4096  # as gis.tiles.mvt (ST_AsMVTGeom's default buffer)


def staff_statements(user) -> QuerySet[Statement]:
    """The statements of the user's authorities (every role may read them)."""
    return scoped_to_staff(Statement.objects.all(), user)


def staff_plans(user) -> QuerySet[Plan]:
    return scoped_to_staff(Plan.objects.all(), user).order_by("name", "pk")


def staff_phases(user) -> QuerySet[Phase]:
    """Phases of plan procedures of the user's authorities."""
    return (
        scoped_to_staff(Phase.objects.filter(procedure__plan__isnull=False), user)
        .select_related("procedure__plan")
        .order_by("procedure__plan__name", "start_date", "pk")
    )


def staff_topics(user) -> list[str]:
    """Every topic offered in a phase of the user's authorities (for the topic filter)."""
    rows = [*scoped_to_staff(StatementSettings.objects.all(), user).values_list("topics", flat=True),
            *scoped_to_staff(ParticipationDefaults.objects.all(), user)
            .values_list("topics", flat=True)]
    return sorted({topic for topics in rows for topic in (topics or []) if isinstance(topic, str)})


def _has_topic(queryset: QuerySet[Statement], topic: str) -> QuerySet[Statement]:
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(topics__contains=[topic])
    # SQLite has no JSON containment lookup: match the JSON-encoded string in the stored text
    # (Django stores JSON with ASCII escapes, so the encoding is the same on both sides).
    return queryset.annotate(topics_text=Cast("topics", TextField())).filter(
        topics_text__contains=json.dumps(topic))


def filter_statements(queryset: QuerySet[Statement], filters: dict) -> QuerySet[Statement]:
    """Apply the cleaned data of a StatementFilterForm (values already validated)."""
    if filters.get("plan") is not None:
        queryset = queryset.filter(plan=filters["plan"])
    if filters.get("phase") is not None:
        queryset = queryset.filter(phase=filters["phase"])
    if filters.get("topic"):
        queryset = _has_topic(queryset, filters["topic"])
    for name in ("submitter_kind", "channel", "moderation"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("late") in ("yes", "no"):
        queryset = queryset.filter(is_late=filters["late"] == "yes")
    if filters.get("q"):
        q = filters["q"]
        queryset = queryset.filter(
            Q(reference__icontains=q) | Q(text__icontains=q) | Q(public_text__icontains=q)
            | Q(name__icontains=q) | Q(organisation__icontains=q)
            | Q(location_text__icontains=q) | Q(city__icontains=q)
        )
    if filters.get("area") is not None:
        # The WGS84 polygon is reprojected to the storage SRID by the database.
        queryset = queryset.filter(location__intersects=filters["area"])
    return queryset


def for_list(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    return (
        queryset.select_related("plan", "phase", "authority")
        .annotate(has_attachments=Exists(
            StatementAttachment.objects.filter(statement=OuterRef("pk"))))
        .defer("fingerprint", "plan__area", "authority__jurisdiction", "location")
        .order_by("-received_at", "pk")
    )


def map_points(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    """Statements with a location, annotated with a GeoJSON point in WGS84 (in SQL)."""
    return (
        queryset.filter(location__isnull=False)
        .annotate(point_geojson=AsGeoJSON(Transform(PointOnSurface("location"), WGS84),
                                          precision=MAP_PRECISION))
        .order_by("-received_at", "pk")
    )


def with_tile_point(queryset: QuerySet[Statement]) -> QuerySet[Statement]:
    """Annotate `map_point` (point on surface, storage SRID) for encode_tile."""
    return queryset.filter(location__isnull=False).annotate(map_point=PointOnSurface("location"))


def located_in_tile(queryset: QuerySet[Statement], tile) -> QuerySet[Statement]:
    """Statements whose location touches the (buffered) tile: a superset of those whose point
    on surface does, found with the spatial index of `location` (&& on PostGIS)."""
    envelope = tile.envelope(buffer_ratio=TILE_BUFFER, densify=1)
    lookup = "bboverlaps" if connections[queryset.db].vendor == "postgresql" else "intersects"
    return queryset.filter(**{f"location__{lookup}": envelope})
