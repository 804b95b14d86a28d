"""The answer to a request while the database is gone: 503 with Retry-After, never 500.

During an outage (a restart, a failover, a dropped connection) every request that needs the
database fails. Those requests were not acknowledged, so the client may simply send them again:
idempotent submissions return the first receipt, never a second statement. A 503 with
Retry-After says exactly that to people, browsers and API clients, and keeps real server
errors (500) meaningful in the logs. The page is rendered without the request: no session, no
query (templates/503.html).

The database can fail anywhere in a request: in the view (caught by
portal/middleware/database_unavailable.py, so the outer middleware still runs) or in a
middleware after the view, such as the session being saved (caught by the 500 handler,
portal/views/errors.py). Both answer with this response.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("portal.database")

RETRY_AFTER_SECONDS = 5


def is_database_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable_response(request, exception: BaseException) -> HttpResponse:
    logger.warning("database unavailable: %s %s: %s", request.method, request.path,
                   type(exception).__name__)
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {"detail": _("The database is briefly unavailable. Please try again in a few seconds.")},
            status=503)
    else:
        response = HttpResponse(
            render_to_string("503.html", {"portal_name": settings.PORTAL_NAME}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
