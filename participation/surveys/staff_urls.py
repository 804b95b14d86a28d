from django.urls import path

from .views import staff

app_name = "surveys_staff"

urlpatterns = [
    path("", staff.survey_list, name="list"),
    path("<uuid:survey_uid>/", staff.builder, name="builder"),
    path("<uuid:survey_uid>/fragen/<int:question_pk>/", staff.question_edit,
         name="question"),
    path("<uuid:survey_uid>/codes/", staff.codes, name="codes"),
    path("<uuid:survey_uid>/vorschau/", staff.preview, name="preview"),
    path("<uuid:survey_uid>/ergebnisse/", staff.results, name="results"),
    path("<uuid:survey_uid>/ergebnisse.csv", staff.export_csv, name="export-csv"),
    path("<uuid:survey_uid>/ergebnisse.xlsx", staff.export_xlsx, name="export-xlsx"),
    path("<uuid:survey_uid>/ergebnisse.gpkg", staff.export_gpkg, name="export-gpkg"),
    path("<uuid:survey_uid>/karte.geojson", staff.map_answers, name="map-answers"),
]
