"""Refuse form bodies that declare a charset other than UTF-8, before anything reads them.

Django refuses such a body with BadRequest when request.POST is first read, but does not mark
the request, so the error view (decorated with requires_csrf_token) reads request.POST again,
raises again, and the client gets a 500 instead of a 400. Answering here, first, keeps it a
plain 400 for every view and error page.
"""

from django.http import HttpResponseBadRequest
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext as _

FORM_TYPE = "application/x-www-form-urlencoded"


class FormEncodingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        content_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
        charset = params.get("charset")
        if content_type == FORM_TYPE and charset is not None and charset.lower() != "utf-8":
            return HttpResponseBadRequest(
                _("Forms must be sent encoded as UTF-8."), content_type="text/plain; charset=utf-8")
        return self.get_response(request)
