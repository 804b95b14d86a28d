from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from gis.views.layers import layer_summary
from portal.models import Phase

from ..maps.xplan_labels import layer_title
from ..models import Plan, PlanDocument


@extend_schema_field({
    "type": "object",
    "description": "GeoJSON MultiPolygon of the Geltungsbereich in WGS84 (EPSG:4326)",
})
class WGS84GeometryField(GeometryField):
    """A geometry the queryset already reprojected to WGS84 in SQL (an annotation)."""


class PlanSerializer(GeoFeatureModelSerializer):
    """A published plan as a GeoJSON feature; the geometry was reprojected to WGS84 in SQL."""

    area = WGS84GeometryField(source="area_wgs84", read_only=True, precision=7)
    authority = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    authority_name = serializers.CharField(source="authority.name", read_only=True)
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        geo_field = "area"
        id_field = "uid"
        fields = [
            "uid", "name", "number", "plan_class", "plan_art", "kind", "legal_status",
            "status_group", "authority", "authority_name", "ags", "municipality_name",
            "decision_to_prepare_date", "council_decision_date", "publication_date",
            "entry_into_force_date", "url", "api_url",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, obj) -> str:
        return self._absolute(obj.get_absolute_url())

    def get_api_url(self, obj) -> str:
        return self._absolute(reverse("api:plan-detail", kwargs={"uid": obj.uid}))


class PhaseSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_title")
    state = serializers.SerializerMethodField()
    statements_until = serializers.DateTimeField(source="last_moment")

    class Meta:
        model = Phase
        fields = ["kind", "title", "start_date", "end_date", "state", "statements_until",
                  "announcement_date", "announcement_text"]

    def get_state(self, obj) -> str:
        return obj.state()


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = PlanDocument
        fields = ["uid", "kind", "title", "content_type", "size", "sha256", "url", "external_href"]

    def get_url(self, obj) -> str | None:
        if not obj.file:
            return None
        path = reverse("planning:document-download",
                       args=[obj.plan.authority.slug, obj.plan.uid, obj.uid])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class PlanDetailSerializer(PlanSerializer):
    phases = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    layers = serializers.SerializerMethodField()
    description = serializers.CharField()

    class Meta(PlanSerializer.Meta):
        fields = PlanSerializer.Meta.fields + ["description", "phases", "documents", "layers"]

    def get_phases(self, obj) -> list[dict]:
        if obj.procedure is None:
            return []
        return PhaseSerializer(obj.procedure.phases.all(), many=True).data

    def get_documents(self, obj) -> list[dict]:
        docs = [d for d in obj.documents.all() if d.is_public]
        return DocumentSerializer(docs, many=True, context=self.context).data

    def get_layers(self, obj) -> list[dict]:
        # "title": the human title ("Überbaubare Grundstücksfläche"); "name" stays as stored.
        return [layer_summary(pl.layer) | {"title": layer_title(pl.layer.name)}
                for pl in obj.plan_layers.all()]
