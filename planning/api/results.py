"""Published weighing results of a plan, machine-readable (no personal data).

GET /api/plans/<uid>/results/          JSON: one entry per statement or group of statements
GET /api/plans/<uid>/results.geojson   GeoJSON (WGS84, reprojected in SQL): the entries with a place

Both answer 404 unless the plan is published and its results were released for publication.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import Plan
from ..results.publication import (
    decision_counts,
    plan_with_published_results,
    public_results,
    public_results_geojson,
)


class ResultPartSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="\"Section n\" for a statement weighed in sections")
    decision = serializers.CharField()
    decision_label = serializers.CharField()
    reasoning = serializers.CharField()
    plan_change = serializers.CharField()


class ResultEntrySerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="public number (position in receipt order)")
    numbers = serializers.CharField(source="numbers_label",
                                    help_text="all numbers of a group, e.g. \"1–3, 7\"")
    count = serializers.IntegerField(help_text="statements in this entry (mass objections)")
    references = serializers.ListField(child=serializers.CharField())
    group = serializers.CharField(source="group_kind", allow_null=True,
                                  help_text="identical / similar, or empty")
    submitted_by = serializers.CharField(help_text="public / agency / mixed")
    agency = serializers.CharField(allow_blank=True)
    topics = serializers.ListField(child=serializers.CharField())
    location = serializers.CharField(help_text="the place in words")
    decision = serializers.CharField()
    decision_label = serializers.CharField()
    reasoning = serializers.CharField()
    plan_change = serializers.CharField()
    parts = ResultPartSerializer(many=True)


class DecisionCountSerializer(serializers.Serializer):
    decision = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class PlanResultsSerializer(serializers.Serializer):
    plan = serializers.UUIDField()
    plan_name = serializers.CharField()
    authority = serializers.CharField()
    released_at = serializers.DateTimeField()
    statement_count = serializers.IntegerField()
    decisions = DecisionCountSerializer(many=True)
    geojson_url = serializers.CharField()
    entries = ResultEntrySerializer(many=True)


def _plan(uid) -> Plan:
    try:
        return plan_with_published_results(uid=uid)
    except Plan.DoesNotExist as exc:
        raise NotFound from exc


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class PlanResultsView(APIView):
    """The released results of a published plan: one entry per statement, or per group of
    statements weighed together (a mass objection once, with its count)."""

    @extend_schema(responses=PlanResultsSerializer)
    def get(self, request, uid):
        plan = _plan(uid)
        entries = public_results(plan)
        data = {
            "plan": plan.uid,
            "plan_name": plan.name,
            "authority": plan.authority.slug,
            "released_at": plan.result_release.released_at,
            "statement_count": sum(e.count for e in entries),
            "decisions": decision_counts(entries),
            "geojson_url": request.build_absolute_uri(
                reverse("api:plan-results-geojson", kwargs={"uid": plan.uid})),
            "entries": entries,
        }
        return Response(PlanResultsSerializer(data).data)


class PlanResultsGeoJSONView(APIView):
    """The released results with a place, as a GeoJSON FeatureCollection in WGS84 (properties:
    number, references, topics, location in words, decision, reasoning)."""

    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    @extend_schema(responses={(200, "application/geo+json"): OpenApiTypes.OBJECT})
    def get(self, request, uid):
        plan = _plan(uid)
        return Response(public_results_geojson(plan))
