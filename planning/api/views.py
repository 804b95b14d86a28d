"""Public plan API: GeoJSON with filters (bbox, point, status, authority, kind, q)."""

from django.contrib.gis.db.models.functions import Transform
from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError

from gis.bbox import parse_bbox, parse_numbers
from gis.errors import InputError
from gis.srid import WGS84

from .. import selectors
from .pagination import GeoJsonLinkPagination
from .serializers import PlanDetailSerializer, PlanSerializer


def _numbers(value: str, count: int, name: str) -> list[float]:
    try:
        return parse_numbers(value, count)
    except InputError as exc:
        raise ValidationError({name: exc.message}) from exc


FILTER_PARAMETERS = [
    OpenApiParameter("bbox", OpenApiTypes.STR, description="minLon,minLat,maxLon,maxLat (WGS84)"),
    OpenApiParameter("point", OpenApiTypes.STR, description="lon,lat (WGS84): plans that apply there"),
    OpenApiParameter("status", OpenApiTypes.STR, enum=list(selectors.STATUS_FILTERS)),
    OpenApiParameter("authority", OpenApiTypes.STR, description="slug of the authority"),
    OpenApiParameter("kind", OpenApiTypes.STR),
    OpenApiParameter("q", OpenApiTypes.STR, description="text in name, number or municipality"),
]


class PlanPagination(GeoJsonLinkPagination):
    collection_name = "plans"


class PlanListView(generics.ListAPIView):
    """Published plans as a GeoJSON FeatureCollection (geometry: Geltungsbereich in WGS84).

    Up to 1000 plans per document (`limit` up to 10000); further pages are linked in "links"
    (rel="next", as OGC API Features), in the `Link` header and in "next". GDAL/QGIS read the
    URL as a GeoJSON layer named "plans". Vector tiles of the same Geltungsbereiche:
    /tiles/plans/{z}/{x}/{y}.pbf (same filters).
    """

    serializer_class = PlanSerializer
    pagination_class = PlanPagination
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        status = params.get("status", "")
        if status and status not in selectors.STATUS_FILTERS:
            raise ValidationError({"status": _("Unknown status; use one of %(values)s.") % {"values": ", ".join(selectors.STATUS_FILTERS)}})
        plans = selectors.filter_plans(selectors.published_plans(),
                                       selectors.PlanFilters.from_params(params))
        if "bbox" in params:
            try:
                box = parse_bbox(params["bbox"])
            except InputError as exc:
                raise ValidationError({"bbox": exc.message}) from exc
            plans = plans.filter(area__intersects=box)
        if "point" in params:
            lon, lat = _numbers(params["point"], 2, "point")
            plans = plans.filter(area__intersects=Point(lon, lat, srid=WGS84))
        return plans.annotate(area_wgs84=Transform("area", WGS84)).order_by("name", "pk")

    @extend_schema(parameters=FILTER_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PlanDetailView(generics.RetrieveAPIView):
    """One published plan with its phases, documents and layers (tile URL templates)."""

    serializer_class = PlanDetailSerializer
    lookup_field = "uid"

    def get_queryset(self):
        return (
            selectors.published_plans()
            .select_related("procedure")
            .prefetch_related("documents", "plan_layers__layer", "procedure__phases")
            .annotate(area_wgs84=Transform("area", WGS84))
        )
