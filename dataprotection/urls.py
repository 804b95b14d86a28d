"""Staff pages of the DSGVO assistant, mounted at /staff/datenschutz/."""

from django.urls import path

from .views import index

app_name = "dataprotection"

urlpatterns = [
    path("", index.index, name="index"),
]
