"""Request sizes refused early: before the body is read, not after it was received.

`settings.PORTAL_MAX_REQUEST_BYTES` names the maxima (docs/security.md):
- "anonymous": any request of a visitor who is not signed in,
- "attachments": anonymous forms that take attachments (views marked `@accepts_attachments`),
- "staff": signed-in users (plan documents, layers, XPlanGML).

`RequestSizeLimitMiddleware` answers 413 when the declared Content-Length exceeds the maximum
of the view; it runs before CsrfViewMiddleware, which would read the body. Multipart bodies are
then read through `SizeLimitUploadHandler`, which stops as soon as the streamed total passes the
maximum (a body without a trustworthy Content-Length). The reverse proxy refuses larger bodies
first (nginx `client_max_body_size`, docs/deploy.md "Request limits").
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ATTACHMENTS = "attachments"


class RequestTooLarge(Exception):
    pass


def accepts_attachments(view):
    """Mark an anonymous view whose form takes attachments (the larger maximum)."""
    view.request_size_class = ATTACHMENTS
    return view


def max_request_bytes(request: HttpRequest, view) -> int:
    limits = settings.PORTAL_MAX_REQUEST_BYTES
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return limits["staff"]
    return limits[getattr(view, "request_size_class", "anonymous")]


class SizeLimitUploadHandler(FileUploadHandler):
    """First of the upload handlers: counts the bytes of every file part and stops the
    upload when the total passes the maximum."""

    def __init__(self, limit: int, request=None):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            raise RequestTooLarge
        return raw_data

    def file_complete(self, file_size):
        return None


def _declared_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def too_large_response(request: HttpRequest, limit: int) -> HttpResponse:
    message = _("The data sent is too large: at most %(size)s are accepted here. Attach fewer or smaller files.") % {
        "size": filesizeformat(limit)}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=413)
    else:
        response = render(request, "portal/errors/request_too_large.html",
                          {"message": message}, status=413)
    # The body was not read: the connection cannot be reused for another request.
    response["Connection"] = "close"
    return response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        declared = _declared_length(request)
        multipart = request.method == "POST" and request.content_type == "multipart/form-data"
        if not declared and not multipart:
            # Nothing to limit: do not ask who is signed in (that would load the session and
            # make public, cacheable answers vary on cookies).
            return None
        limit = max_request_bytes(request, view_func)
        if declared > limit:
            return too_large_response(request, limit)
        if multipart:
            request.upload_handlers.insert(0, SizeLimitUploadHandler(limit, request))
            try:
                request.POST  # noqa: B018 – parse now, inside the limit
            except RequestTooLarge:
                return too_large_response(request, limit)
        return None
