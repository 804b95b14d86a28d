from django.urls import path

from .views import staff

app_name = "livevoting_staff"

urlpatterns = [
    path("", staff.session_list, name="list"),
    path("<uuid:session_uid>/", staff.session_detail, name="session"),
    path("<uuid:session_uid>/fragen/<int:question_pk>/", staff.question_detail,
         name="question"),
    path("<uuid:session_uid>/projektion/", staff.projector, name="projector"),
    path("<uuid:session_uid>/projektion/status.json", staff.projector_status,
         name="projector-status"),
    path("<uuid:session_uid>/ergebnisse.csv", staff.export, {"fmt": "csv"}, name="export-csv"),
    path("<uuid:session_uid>/ergebnisse.xlsx", staff.export, {"fmt": "xlsx"},
         name="export-xlsx"),
]
