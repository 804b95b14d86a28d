"""Routes of the OGC API Features under /ogcapi/ (namespace "ogcapi")."""

from django.urls import path

from . import collections, conformance, items, landing, openapi, tilejson

app_name = "ogcapi"

urlpatterns = [
    path("", landing.landing, name="landing"),
    path("conformance", conformance.conformance, name="conformance"),
    path("api", openapi.openapi, name="openapi"),
    path("collections", collections.collection_list, name="collections"),
    path("collections/<str:collection_id>", collections.collection_detail, name="collection"),
    path("collections/<str:collection_id>/items", items.items, name="items"),
    path("collections/<str:collection_id>/items/<str:feature_id>", items.item, name="item"),
    path("tilejson/plans.json", tilejson.plans_tilejson, name="plans-tilejson"),
    path("tilejson/layers/<uuid:layer_uid>.json", tilejson.layer_tilejson,
         name="layer-tilejson"),
]
