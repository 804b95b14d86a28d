from django.urls import path

from gis.urls import SignedIntConverter  # noqa: F401  (registers "tileint")

from .views import public, tiles

app_name = "planning"

urlpatterns = [
    path("tiles/plans/<tileint:z>/<tileint:x>/<tileint:y>.pbf", tiles.plan_tile, name="plan-tile"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/", public.plan_detail, name="plan-detail"),
    path(
        "<slug:authority_slug>/plaene/<uuid:plan_uid>/dokumente/<uuid:document_uid>/",
        public.document_download,
        name="document-download",
    ),
]
