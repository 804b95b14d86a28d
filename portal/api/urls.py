from django.urls import path

from . import procedures, views

urlpatterns = [
    path("authorities/", views.AuthorityListView.as_view(), name="authority-list"),
    path("authorities.geojson", views.authorities_geojson, name="authority-geojson"),
    path("authorities/<slug:slug>/", views.AuthorityDetailView.as_view(), name="authority-detail"),
    path(
        "authorities/<slug:slug>/geojson/",
        views.authority_geojson,
        name="authority-detail-geojson",
    ),
    path("procedures/", procedures.ProcedureListView.as_view(), name="procedure-list"),
    path("procedures.geojson", procedures.ProcedureGeoJsonView.as_view(),
         name="procedure-geojson"),
    path("staff/authorities/", views.StaffAuthorityListView.as_view(), name="staff-authority-list"),
    path(
        "staff/authorities/<int:pk>/",
        views.StaffAuthorityDetailView.as_view(),
        name="staff-authority-detail",
    ),
]
