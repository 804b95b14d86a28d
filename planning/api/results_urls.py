"""Routes of the published weighing results (included by config/api_urls.py)."""

from django.urls import path

from . import results

urlpatterns = [
    path("plans/<uuid:uid>/results/", results.PlanResultsView.as_view(), name="plan-results"),
    path("plans/<uuid:uid>/results.geojson", results.PlanResultsGeoJSONView.as_view(),
         name="plan-results-geojson"),
]
