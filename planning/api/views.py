"""Public plan API: GeoJSON with filters (bbox, point, status, authority, kind, q)."""

from django.contrib.gis.db.models.functions import Transform
from django.contrib.gis.geos import Point, Polygon
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError

from gis.srid import WGS84

from .. import selectors
from .pagination import GeoJsonLinkPagination
from .serializers import PlanDetailSerializer, PlanSerializer


def _numbers(value: str, count: int, name: str) -> list[float]:
    try:
        numbers = [float(part) for part in value.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) != count or any(n != n or n in (float("inf"), float("-inf")) for n in numbers):
        raise ValidationError({name: _("Expected %(count)d comma-separated numbers (WGS84 longitude/latitude).") % {"count": count}})
    # Longitudes at even, latitudes at odd positions; checked before a geometry is built
    # (SpatiaLite receives geometries as WKT, whose writer overflows on huge numbers: issue #9).
    if not all(-180 <= n <= 180 if i % 2 == 0 else -90 <= n <= 90 for i, n in enumerate(numbers)):
        raise ValidationError({name: _("The coordinates must be longitude and latitude in WGS84 (EPSG:4326).")})
    return numbers


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
            minx, miny, maxx, maxy = _numbers(params["bbox"], 4, "bbox")
            if minx >= maxx or miny >= maxy:
                raise ValidationError({"bbox": _("The bbox must be minLon,minLat,maxLon,maxLat.")})
            plans = plans.filter(area__intersects=_wgs84_box(minx, miny, maxx, maxy))
        if "point" in params:
            lon, lat = _numbers(params["point"], 2, "point")
            plans = plans.filter(area__intersects=Point(lon, lat, srid=WGS84))
        return plans.annotate(area_wgs84=Transform("area", WGS84)).order_by("name", "pk")

    @extend_schema(parameters=FILTER_PARAMETERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _wgs84_box(minx, miny, maxx, maxy) -> Polygon:
    box = Polygon.from_bbox((minx, miny, maxx, maxy))
    box.srid = WGS84
    return box


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
