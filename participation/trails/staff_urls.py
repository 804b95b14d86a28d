from django.urls import path

from .views import staff, staff_wardens

app_name = "trails_staff"

urlpatterns = [
    path("", staff.overview, name="overview"),
    path("wegweiser/neu/", staff.signpost_create, name="signpost_create"),
    path("wegweiser/import/", staff.signpost_import, name="signpost_import"),
    path("wegweiser/<str:public_id>/", staff.signpost_edit, name="signpost"),
    path("<int:trail_pk>/etiketten.pdf", staff.labels, name="labels"),
    path("<int:trail_pk>/abschnitte/", staff_wardens.sections, name="sections"),
    path("wegewarte/", staff_wardens.wardens, name="wardens"),
    path("wegewarte/<int:warden_pk>/", staff_wardens.warden, name="warden"),
]
