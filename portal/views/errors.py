"""The portal's error pages (handlers in config/urls.py, CSRF_FAILURE_VIEW in settings).

404 and 403 are Django's default views with our templates (they render with the request, so
the page has the usual header). 400 and 500 render without the request: the request may be the
broken part (a forged Host header, a database that is gone), so they need no context processor,
no session and no query, only settings.
"""

import sys

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

from portal.database_outage import database_unavailable_response, is_database_outage


def _static_page(template_name: str) -> str:
    return render_to_string(template_name, {"portal_name": settings.PORTAL_NAME})


def bad_request(request, exception):
    return HttpResponseBadRequest(_static_page("400.html"))


def server_error(request):
    # Called while the exception is being handled: a database that failed outside the view
    # (the session saved after it, a middleware's query) is an outage, not a server error.
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        return database_unavailable_response(request, exception)
    return HttpResponseServerError(_static_page("500.html"))


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
