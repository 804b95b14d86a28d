"""Published survey results, machine-readable (no personal data, no free texts).

GET /api/surveys/<uid>/results/          JSON: per question the counts per option, the numbers
GET /api/surveys/<uid>/results.geojson   GeoJSON (WGS84): the map answers as points

Both answer 404 unless the authority published the results (module on, authority active).
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .results import map_points, points_geojson, results


class OptionCountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()


class NumbersSerializer(serializers.Serializer):
    min = serializers.FloatField()
    max = serializers.FloatField()
    mean = serializers.FloatField()


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    text = serializers.CharField(source="question.text")
    type = serializers.CharField(source="question.type")
    answered = serializers.IntegerField()
    options = OptionCountSerializer(source="bars", many=True,
                                    help_text="counts per option (ranking: first places)")
    numbers = serializers.SerializerMethodField()

    @extend_schema_field(NumbersSerializer(allow_null=True))
    def get_numbers(self, result):
        return result.numbers or None


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.UUIDField()
    title = serializers.CharField()
    authority = serializers.CharField()
    published_at = serializers.DateTimeField()
    responses = serializers.IntegerField(help_text="submitted responses")
    geojson_url = serializers.CharField()
    questions = QuestionResultSerializer(many=True)


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


def _survey(uid):
    survey = selectors.published_survey_by_uid(uid)
    if survey is None:
        raise NotFound
    return survey


class SurveyResultsView(APIView):
    """The published results of a survey: per question the number of answers, the counts per
    option (choices, scale, dates; ranking: first places) and minimum/maximum/mean of numbers.
    Free texts are not published."""

    @extend_schema(responses=SurveyResultsSerializer, operation_id="survey_results")
    def get(self, request, uid):
        survey = _survey(uid)
        data = {
            "survey": survey.uid, "title": survey.title, "authority": survey.authority.slug,
            "published_at": survey.results_published_at,
            "responses": survey.responses.filter(is_draft=False).count(),
            "geojson_url": request.build_absolute_uri(
                reverse("api:survey-results-geojson", kwargs={"uid": survey.uid})),
            "questions": results(survey),
        }
        return Response(SurveyResultsSerializer(data).data)


class SurveyResultsGeoJSONView(APIView):
    """The map answers of the published results as a GeoJSON FeatureCollection of points in
    WGS84 (a line or an area by a point on it); properties: question, question_id."""

    renderer_classes = [GeoJSONRenderer, JSONRenderer]

    @extend_schema(responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
                   operation_id="survey_results_geojson")
    def get(self, request, uid):
        return Response(points_geojson(map_points(_survey(uid))))
