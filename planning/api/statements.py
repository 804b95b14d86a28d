"""Statement API for staff (session, scoped, with personal data).

Staff: GET /api/staff/statements/ (GeoJSON FeatureCollection with the filters of the staff list)
and /api/staff/statements/{uid}/. The public feed, GET /api/statements/, is built in SQL
(public_statements.py). Geometries are reprojected to WGS84 in SQL. Unknown query parameters
are refused (400), so no lookup of personal fields can be smuggled in.
"""

from django.contrib.gis.db.models.functions import Transform
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.pagination import GeoJsonPagination
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from gis.srid import WGS84

from ..maps.objects import describe_feature
from ..models import CoSignature, ModerationState, Statement, StatementAttachment
from ..statements.filters import StatementQuery
from ..statements.staff_forms import FILTER_PARAMS
from ..statements.staff_queries import staff_statements

PAGING_PARAMS = {"page", "page_size", "format"}


@extend_schema_field({
    "type": "object", "nullable": True,
    "description": "GeoJSON geometry in WGS84 (EPSG:4326), reprojected in the database",
    "properties": {"type": {"type": "string"}, "coordinates": {"type": "array", "items": {}}},
})
class Wgs84GeometryField(GeometryField):
    """A geometry annotated in SQL (Transform to WGS84), documented for OpenAPI."""


class StatementPagination(GeoJsonPagination):
    page_size = 100
    max_page_size = 500


def _refuse_unknown(params, allowed: set[str]) -> None:
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ValidationError({name: [_("Unknown parameter.")] for name in unknown[:10]})


def _cosignature_count():
    counts = (CoSignature.objects.confirmed().filter(statement=OuterRef("pk")).order_by()
              .values("statement").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counts), 0)


class StaffAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = StatementAttachment
        fields = ["uid", "file_name", "content_type", "size", "sha256", "url"]

    def get_url(self, obj) -> str:
        path = reverse("planning_statements_staff:attachment", args=[obj.statement.uid, obj.uid])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class StaffStatementSerializer(GeoFeatureModelSerializer):
    """A statement with the submitter's personal data (staff of the authority only)."""

    location = Wgs84GeometryField(source="location_wgs84", read_only=True, precision=7)
    plan = serializers.UUIDField(source="plan.uid", read_only=True)
    plan_name = serializers.CharField(source="plan.name", read_only=True)
    phase = serializers.IntegerField(source="phase_id", read_only=True)
    phase_title = serializers.CharField(source="phase.display_title", read_only=True)
    authority = serializers.CharField(source="authority.slug", read_only=True)
    agency = serializers.CharField(source="agency.name", read_only=True, default=None)
    cosignature_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        geo_field = "location"
        id_field = "uid"
        fields = [
            "uid", "reference", "authority", "plan", "plan_name", "phase", "phase_title",
            "received_at", "is_late", "channel", "submitter_kind", "agency", "no_concerns",
            "text", "topics", "location_text", "document_section", "moderation", "public_text",
            "is_anonymous", "name", "organisation", "street", "postcode", "city", "email",
            "cosignature_count", "url",
        ]

    def get_url(self, obj) -> str:
        path = reverse("planning_statements_staff:detail", args=[obj.uid])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class StaffStatementDetailSerializer(StaffStatementSerializer):
    attachments = StaffAttachmentSerializer(many=True, read_only=True)
    plan_feature = serializers.SerializerMethodField()
    document = serializers.CharField(source="document.title", read_only=True, default=None)
    entered_by = serializers.CharField(source="entered_by.username", read_only=True, default=None)

    class Meta(StaffStatementSerializer.Meta):
        fields = StaffStatementSerializer.Meta.fields + [
            "attachments", "plan_feature", "document", "entered_by", "receipt_sent_at",
            "created_at",
        ]

    def get_plan_feature(self, obj) -> str | None:
        feature = obj.plan_feature
        if feature is None:
            return None
        return describe_feature(feature)


STAFF_PARAMETERS = [
    OpenApiParameter("plan", OpenApiTypes.UUID, description="uid of a plan"),
    OpenApiParameter("phase", OpenApiTypes.INT, description="id of a phase"),
    OpenApiParameter("topic", OpenApiTypes.STR),
    OpenApiParameter("submitter_kind", OpenApiTypes.STR, enum=["public", "agency"]),
    OpenApiParameter("channel", OpenApiTypes.STR,
                     enum=["online", "letter", "email", "minutes", "import"]),
    OpenApiParameter("late", OpenApiTypes.STR, enum=["yes", "no"]),
    OpenApiParameter("moderation", OpenApiTypes.STR, enum=list(ModerationState.values)),
    OpenApiParameter("q", OpenApiTypes.STR, description="text in reference, text, name, place"),
    OpenApiParameter("area", OpenApiTypes.STR,
                     description="GeoJSON Polygon/MultiPolygon in WGS84: statements located in it"),
]


class StaffStatementListView(generics.ListAPIView):
    """Statements of the user's authorities as GeoJSON (geometry in WGS84), filtered."""

    serializer_class = StaffStatementSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = StatementPagination
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        _refuse_unknown(params, set(FILTER_PARAMS) | PAGING_PARAMS)
        query = StatementQuery(self.request.user, params)
        if not query.is_valid:
            raise ValidationError(query.errors)
        return (
            query.statements()
            .select_related("plan", "phase", "authority", "agency")
            .defer("plan__area", "authority__jurisdiction", "fingerprint")
            .annotate(location_wgs84=Transform("location", WGS84),
                      cosignature_count=_cosignature_count())
            .order_by("-received_at", "pk")
        )

    @extend_schema(parameters=STAFF_PARAMETERS)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


class StaffStatementDetailView(generics.RetrieveAPIView):
    """One statement of the user's authorities with attachments; another tenant's is 404."""

    serializer_class = StaffStatementDetailSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "uid"
    filter_backends: list = []

    def get_queryset(self):
        return (
            staff_statements(self.request.user)
            .select_related("plan", "phase", "authority", "agency", "plan_feature__layer", "document",
                            "entered_by")
            .prefetch_related("attachments__statement")
            .annotate(location_wgs84=Transform("location", WGS84),
                      cosignature_count=_cosignature_count())
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response
