from django.urls import path

from gis.urls import SignedIntConverter  # noqa: F401  (registers "tileint")

from .views import public, statement_display, statement_public, tiles

app_name = "planning"

urlpatterns = [
    path("tiles/plans/<tileint:z>/<tileint:x>/<tileint:y>.pbf", tiles.plan_tile, name="plan-tile"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/", public.plan_detail, name="plan-detail"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/stellungnahme/",
         statement_public.statement_form, name="statement-form"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/stellungnahme/<uuid:statement_uid>/",
         statement_public.statement_receipt, name="statement-receipt"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/stellungnahme/<uuid:statement_uid>/pdf/",
         statement_public.statement_receipt_pdf, name="statement-receipt-pdf"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/stellungnahmen/",
         statement_display.public_statements, name="public-statements"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/stellungnahmen/<uuid:statement_uid>/mitzeichnen/",
         statement_display.cosign_statement, name="cosign"),
    path("<slug:authority_slug>/plaene/<uuid:plan_uid>/mitzeichnung-bestaetigen/<str:token>/",
         statement_display.confirm_cosignature_link, name="cosign-confirm"),
    path(
        "<slug:authority_slug>/plaene/<uuid:plan_uid>/dokumente/<uuid:document_uid>/",
        public.document_download,
        name="document-download",
    ),
]
