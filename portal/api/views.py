"""API of the portal shell: public authority data and the staff's own authorities."""

import json

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions

from gis.functions import SimplifyPreserveTopology
from gis.srid import WGS84

from .. import selectors
from ..models import Authority
from .serializers import AuthoritySerializer, StaffAuthoritySerializer

#: Simplification of the overview map of all authorities (metres, storage SRID).
OVERVIEW_TOLERANCE_M = 100


class AuthorityListView(generics.ListAPIView):
    """Active authorities (public data only)."""

    serializer_class = AuthoritySerializer
    filterset_fields = ["kind", "ags", "slug"]

    def get_queryset(self):
        return selectors.public_authorities().select_related("parent")


class AuthorityDetailView(generics.RetrieveAPIView):
    serializer_class = AuthoritySerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.public_authorities().select_related("parent")


def _feature(row: dict) -> dict:
    return {
        "type": "Feature",
        "id": row["pk"],
        "geometry": json.loads(row["geojson"]),
        "properties": {"name": row["name"], "slug": row["slug"], "kind": row["kind"]},
    }


@require_GET
def authorities_geojson(request):
    """All jurisdictions, simplified and reprojected in the database, as a FeatureCollection."""
    rows = (
        selectors.public_authorities()
        .filter(jurisdiction__isnull=False)
        .annotate(
            geojson=AsGeoJSON(
                Transform(SimplifyPreserveTopology("jurisdiction", OVERVIEW_TOLERANCE_M), WGS84),
                precision=5,
            )
        )
        .values("pk", "name", "slug", "kind", "geojson")
    )
    features = [_feature(row) for row in rows if row["geojson"]]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_GET
def authority_geojson(request, slug):
    row = (
        selectors.public_authorities()
        .filter(slug=slug, jurisdiction__isnull=False)
        .annotate(geojson=AsGeoJSON(Transform("jurisdiction", WGS84), precision=6))
        .values("pk", "name", "slug", "kind", "geojson")
        .first()
    )
    if row is None:
        raise Http404
    return JsonResponse({"type": "FeatureCollection", "features": [_feature(row)]})


class StaffAuthorityListView(generics.ListAPIView):
    """The authorities the signed-in user works for."""

    serializer_class = StaffAuthoritySerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            Authority.objects.for_staff(self.request.user)
            .select_related("parent")
            .prefetch_related("memberships__user")
        )


class StaffAuthorityDetailView(StaffAuthorityListView, generics.RetrieveAPIView):
    @extend_schema(operation_id="staff_authority_retrieve")
    def get(self, request, *args, **kwargs):
        return self.retrieve(request, *args, **kwargs)
