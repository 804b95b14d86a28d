from django.urls import path

from . import views

app_name = "embed"

urlpatterns = [
    path("<slug:authority_slug>/", views.embedded, name="page"),
    path("<slug:authority_slug>/<path:rest>", views.embedded, name="subpage"),
]
