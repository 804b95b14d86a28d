"""Reads of the portal shell."""

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db.models import Q, QuerySet

from gis.srid import WGS84

from .models import Authority


def public_authorities() -> QuerySet[Authority]:
    return Authority.objects.active()


def search_authorities(query: str) -> QuerySet[Authority]:
    qs = public_authorities()
    query = (query or "").strip()
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(ags__startswith=query))
    return qs


def authority_geojson(authority: Authority, *, precision: int = 6) -> str | None:
    """The jurisdiction in WGS84 as GeoJSON, reprojected in the database."""
    if authority.jurisdiction is None:
        return None
    return (
        Authority.objects.filter(pk=authority.pk)
        .annotate(geojson=AsGeoJSON(Transform("jurisdiction", WGS84), precision=precision))
        .values_list("geojson", flat=True)
        .get()
    )
