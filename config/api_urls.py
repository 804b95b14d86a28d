"""All REST API routes under /api/ (namespace "api")."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from .api_docs.views import api_docs, api_try
from .api_index import api_index

app_name = "api"

urlpatterns = [
    path("", api_index, name="index"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs, name="docs"),
    path("docs/try/<str:operation_id>/", api_try, name="docs-try"),
    path("", include("portal.api.urls")),
    path("", include("planning.api.urls")),
    path("", include("planning.api.statement_urls")),
    path("", include("planning.api.results_urls")),
    path("", include("participation.dialogues.api_urls")),
    path("", include("participation.surveys.api_urls")),
]
