"""Geometries for the staff maps, reprojected to WGS84 in the database."""

import json

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform

from gis.srid import WGS84
from portal.models import Authority

from ...models import Plan


def area_geojson(plan: Plan) -> str | None:
    """The plan's Geltungsbereich as GeoJSON text in WGS84 (None without one)."""
    if plan.pk is None or plan.area is None:
        return None
    return (
        Plan.objects.filter(pk=plan.pk)
        .annotate(geojson=AsGeoJSON(Transform("area", WGS84), precision=7))
        .values_list("geojson", flat=True)
        .first()
    )


def jurisdiction_geojson(authority: Authority | None) -> dict | None:
    """The authority's jurisdiction as a GeoJSON geometry in WGS84 (None without one)."""
    if authority is None:
        return None
    text = (
        Authority.objects.filter(pk=authority.pk, jurisdiction__isnull=False)
        .annotate(geojson=AsGeoJSON(Transform("jurisdiction", WGS84), precision=6))
        .values_list("geojson", flat=True)
        .first()
    )
    return json.loads(text) if text else None
