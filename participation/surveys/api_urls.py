"""Routes of the published survey results (included by config/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("surveys/<uuid:uid>/results/", api.SurveyResultsView.as_view(),
         name="survey-results"),
    path("surveys/<uuid:uid>/results.geojson", api.SurveyResultsGeoJSONView.as_view(),
         name="survey-results-geojson"),
]
