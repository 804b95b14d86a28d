"""Staff pages of statements, mounted at /staff/stellungnahmen/ (before the portal's catch-all)."""

from django.urls import path

from gis.urls import SignedIntConverter  # noqa: F401  (registers "tileint")

from .views.statements_staff import detail, entry, importing, listing

app_name = "planning_statements_staff"

STATEMENT = "<uuid:statement_uid>/"

urlpatterns = [
    path("", listing.statement_list, name="list"),
    path("karte.geojson", listing.map_data, name="map-data"),
    path("kacheln/<tileint:z>/<tileint:x>/<tileint:y>.pbf", listing.statement_tile, name="tile"),
    path("export.csv", listing.statement_export, name="export"),
    path("neu/", entry.statement_create, name="create"),
    path("import/", importing.statement_import, name="import"),
    path("import/bestaetigen/", importing.statement_import_confirm, name="import-confirm"),
    path("import/vorlage.csv", importing.import_template, name="import-template"),
    path(STATEMENT, detail.statement_detail, name="detail"),
    path(STATEMENT + "moderation/", detail.statement_moderate, name="moderate"),
    path(STATEMENT + "anhaenge/<uuid:attachment_uid>/", detail.attachment_download,
         name="attachment"),
]
