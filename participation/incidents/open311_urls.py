from django.urls import path, register_converter

from .views import open311


class CodeConverter:
    """An Open311 service code or request id: letters, digits, hyphens, underscores."""

    regex = "[A-Za-z0-9_-]{1,40}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FormatConverter:
    """The document format at the end of the path ("json", "xml"; others answer 404)."""

    regex = "[A-Za-z]{1,10}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "open311code")
register_converter(FormatConverter, "open311format")

app_name = "open311"

urlpatterns = [
    path("discovery.<open311format:doc_format>", open311.discovery, name="discovery"),
    path("v2/", open311.discovery, {"doc_format": "json"}, name="v2-root"),
    path("v2/services.<open311format:doc_format>", open311.services, name="services"),
    path("v2/services/<open311code:service_code>.<open311format:doc_format>",
         open311.service_definition, name="service-definition"),
    path("v2/requests.<open311format:doc_format>", open311.requests_view, name="requests"),
    path("v2/requests/<open311code:service_request_id>.<open311format:doc_format>",
         open311.request_detail, name="request-detail"),
    path("v2/servicerequestupdates.<open311format:doc_format>", open311.request_updates,
         name="request-updates"),
]
