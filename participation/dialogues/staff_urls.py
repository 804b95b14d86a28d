from django.urls import path

from .views import staff

app_name = "dialogues_staff"

urlpatterns = [
    path("", staff.dialogue_list, name="list"),
    path("neu/", staff.create, name="create"),
    path("<uuid:dialogue_uid>/einstellungen/", staff.dialogue_settings, name="settings"),
    path("<uuid:dialogue_uid>/kommentare.csv", staff.export_csv, name="export"),
    path("<uuid:dialogue_uid>/kommentare.xlsx", staff.export_xlsx, name="export-xlsx"),
    path("<uuid:dialogue_uid>/kommentare.gpkg", staff.export_gpkg, name="export-gpkg"),
    path("kommentare/<uuid:comment_uid>/", staff.comment, name="comment"),
    path("kommentare/<uuid:comment_uid>/sperren/", staff.block, name="block"),
    path("sperren/<int:block_id>/aufheben/", staff.unblock, name="unblock"),
]
