"""/api/procedures/: every public procedure of every kind (the overview's data), with filters.

JSON (DRF, paginated with `next` links) and GeoJSON (/api/procedures.geojson, the same filters,
one Feature per procedure, geometry null without a place). docs/procedure-overview.md.
"""

import json

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.renderers import JSONRenderer

from planning.api.pagination import GeoJsonLinkPagination

from .. import selectors
from ..procedures import overview


class PhaseSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField(source="display_title")
    start = serializers.DateField(source="start_date")
    end = serializers.DateField(source="end_date")
    state = serializers.SerializerMethodField()

    def get_state(self, phase) -> str:
        return str(phase.state(self.context.get("now")))


class ProcedureSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="procedure.pk")
    kind = serializers.CharField(source="procedure.kind")
    kind_name = serializers.CharField()
    authority = serializers.SerializerMethodField()
    title = serializers.CharField(source="procedure.title")
    status = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    summary = serializers.CharField(source="presentation.summary")
    phases = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()

    def get_authority(self, entry) -> dict:
        authority = entry.procedure.authority
        return {"slug": authority.slug, "name": authority.name}

    def get_status(self, entry) -> str | None:
        return entry.status or None

    def get_url(self, entry) -> str | None:
        if not entry.url:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(entry.url) if request else entry.url

    def get_phases(self, entry) -> list[dict]:
        return PhaseSerializer(entry.phases, many=True, context=self.context).data

    def get_location(self, entry) -> dict | None:
        location = entry.presentation.location
        return json.loads(location.json) if location is not None else None


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class ProcedurePagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500


class ProcedureGeoJsonPagination(GeoJsonLinkPagination):
    collection_name = "procedures"
    default_limit = 500
    max_limit = 2000


FILTER_PARAMETERS = [
    OpenApiParameter("kind", OpenApiTypes.STR, description="procedure kind code, e.g. dialogue"),
    OpenApiParameter("authority", OpenApiTypes.STR, description="slug of the authority"),
    OpenApiParameter("district", OpenApiTypes.STR,
                     description="slug of a district (Landkreis): its own and its municipalities' procedures"),
    OpenApiParameter("status", OpenApiTypes.STR, enum=list(overview.STATUSES),
                     description="open now, upcoming, or closed"),
    OpenApiParameter("q", OpenApiTypes.STR, description="text in the title"),
    OpenApiParameter("bbox", OpenApiTypes.STR,
                     description="minLon,minLat,maxLon,maxLat (WGS84): procedures whose place intersects it"),
    OpenApiParameter("near", OpenApiTypes.STR, description="lon,lat (WGS84), with radius"),
    OpenApiParameter("radius", OpenApiTypes.INT,
                     description=f"metres around near (default {overview.DEFAULT_RADIUS_M}, "
                                 f"at most {overview.MAX_RADIUS_M})"),
]


def filters_from(params) -> overview.Filters:
    filters = overview.Filters()
    overview.parse_common(params, filters)
    try:
        if "bbox" in params:
            minx, miny, maxx, maxy = overview.parse_numbers(params["bbox"], 4, "bbox")
            if minx >= maxx or miny >= maxy:
                raise overview.FilterError("bbox", _("The bbox must be minLon,minLat,maxLon,maxLat."))
            filters.bbox = (minx, miny, maxx, maxy)
        if "near" in params:
            lon, lat = overview.parse_numbers(params["near"], 2, "near")
            filters.near = (lon, lat)
            filters.radius = overview.parse_radius(params.get("radius", ""))
        elif "radius" in params:
            raise overview.FilterError("radius", _("A radius needs near=lon,lat."))
    except overview.FilterError as exc:
        filters.errors[exc.field] = exc.message
    if filters.authority and not selectors.public_authorities().filter(
            slug=filters.authority).exists():
        filters.errors["authority"] = _("No authority has the address “%(slug)s”.") % {
            "slug": filters.authority}
    if filters.errors:
        raise ValidationError(filters.errors)
    return filters


class ProcedureListView(generics.ListAPIView):
    """Every public procedure of every kind (land-use plans, dialogues, surveys, …) of the
    authorities with the kind's module switched on: open first (closing soonest first), then
    upcoming by start, then closed by end (latest first). Paginated (`limit`, `offset`, `next`).
    Each procedure: id, kind, kind name, authority, title, status, public page (`url`, null
    when it has none now), summary, phases, and its place as a GeoJSON geometry in WGS84 or
    null. GeoJSON of the same: /api/procedures.geojson."""

    serializer_class = ProcedureSerializer
    pagination_class = ProcedurePagination
    filter_backends: list = []

    def get_queryset(self):
        filters = filters_from(self.request.query_params)
        return overview.page_queryset(overview.filtered(overview.public_procedures(), filters))

    def serialized(self, page) -> list:
        from django.utils import timezone

        now = timezone.now()
        return ProcedureSerializer(overview.entries(page, now), many=True,
                                   context={"request": self.request, "now": now}).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.serialized(page))

    @extend_schema(parameters=FILTER_PARAMETERS, operation_id="procedures_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProcedureGeoJsonView(ProcedureListView):
    """The same procedures and filters as a GeoJSON FeatureCollection named "procedures"
    (geometry: the procedure's place in WGS84, null without one; properties as in
    /api/procedures/ without `location`). Paged with OGC-style links, `Link` header and `next`."""

    pagination_class = ProcedureGeoJsonPagination
    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        features = []
        for item in self.serialized(page):
            properties = dict(item)
            geometry = properties.pop("location")
            features.append({"type": "Feature", "id": properties["id"], "geometry": geometry,
                             "properties": properties})
        return self.get_paginated_response({"features": features})

    @extend_schema(parameters=FILTER_PARAMETERS, operation_id="procedures_geojson",
                   responses={(200, "application/geo+json"): OpenApiTypes.OBJECT})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
