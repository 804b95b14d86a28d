from django.urls import path, re_path

from .views import open311

app_name = "open311"

urlpatterns = [
    re_path(r"^discovery\.(?P<fmt>\w+)$", open311.discovery, name="discovery"),
    path("v2/", open311.discovery, {"fmt": "json"}, name="v2-root"),
    re_path(r"^v2/services\.(?P<fmt>\w+)$", open311.services, name="services"),
    re_path(r"^v2/services/(?P<service_code>[A-Za-z0-9_-]{1,40})\.(?P<fmt>\w+)$",
            open311.service_definition, name="service-definition"),
    re_path(r"^v2/requests\.(?P<fmt>\w+)$", open311.requests_view, name="requests"),
    re_path(r"^v2/requests/(?P<service_request_id>[A-Za-z0-9_-]{1,40})\.(?P<fmt>\w+)$",
            open311.request_detail, name="request-detail"),
    re_path(r"^v2/servicerequestupdates\.(?P<fmt>\w+)$", open311.request_updates,
            name="request-updates"),
]
