"""Staff pages for plans, mounted at /staff/plaene/ (before the portal's catch-all)."""

from django.urls import path

from .views.staff import (
    documents,
    layers,
    participation,
    phases,
    plan_detail,
    plan_edit,
    plan_list,
    publishing,
)

app_name = "planning_staff"

urlpatterns = [
    path("", plan_list.plan_list, name="plan-list"),
    path("neu/", plan_edit.plan_create, name="plan-create"),
    path("<uuid:plan_uid>/", plan_detail.plan_detail, name="plan-detail"),
    path("<uuid:plan_uid>/bearbeiten/", plan_edit.plan_update, name="plan-update"),
    path("<uuid:plan_uid>/veroeffentlichen/", publishing.plan_publish, name="plan-publish"),
    path("<uuid:plan_uid>/zurueckziehen/", publishing.plan_unpublish, name="plan-unpublish"),
    path("<uuid:plan_uid>/dokumente/", documents.document_add, name="document-add"),
    path("<uuid:plan_uid>/dokumente/<uuid:document_uid>/", documents.document_download,
         name="document-download"),
    path("<uuid:plan_uid>/dokumente/<uuid:document_uid>/loeschen/", documents.document_delete,
         name="document-delete"),
    path("<uuid:plan_uid>/ebenen/vektor/", layers.layer_add_vector, name="layer-add-vector"),
    path("<uuid:plan_uid>/ebenen/raster/", layers.layer_add_raster, name="layer-add-raster"),
    path("<uuid:plan_uid>/ebenen/status/", layers.layer_status, name="layer-status"),
    path("<uuid:plan_uid>/ebenen/<uuid:layer_uid>/entfernen/", layers.layer_delete,
         name="layer-delete"),
    path("<uuid:plan_uid>/phasen/", phases.phase_add, name="phase-add"),
    path("<uuid:plan_uid>/phasen/<int:phase_pk>/", phases.phase_edit, name="phase-edit"),
    path("<uuid:plan_uid>/phasen/<int:phase_pk>/loeschen/", phases.phase_delete,
         name="phase-delete"),
    # Participation settings (docs/participation-settings.md).
    path("<uuid:plan_uid>/phasen/<int:phase_pk>/beteiligung/", participation.phase_settings,
         name="phase-settings"),
    path("beteiligung/<int:authority_pk>/", participation.participation_defaults,
         name="participation-defaults"),
]
