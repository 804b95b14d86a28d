from django.urls import path

from .views import staff

app_name = "incidents_staff"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path("<uuid:report_uid>/", staff.detail, name="detail"),
    path("open311-schluessel/", staff.api_keys, name="api-keys"),
]
