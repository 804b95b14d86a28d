"""What the logs know about the request being served: its id, its route and its authority.

Set by `portal.operations.middleware.OperationsMiddleware` for the duration of one request (in
context variables, so threads and async tasks each see their own) and read by the log filter
(`portal.operations.logs.RequestContextFilter`). Only names of routes and authorities, never a
path, query string, address or user.
"""

import re
import uuid
from contextvars import ContextVar

#: A client's X-Request-ID is taken over only if it looks like an id (a load balancer's or a
#: CDN's): letters, digits and . _ : -, 8 to 128 of them. Anything else gets a new id, so no
#: header can write arbitrary text into the logs.
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

request_id: ContextVar[str | None] = ContextVar("portal_request_id", default=None)
route: ContextVar[str | None] = ContextVar("portal_route", default=None)
authority: ContextVar[str | None] = ContextVar("portal_authority", default=None)


def request_id_from(header: str | None) -> str:
    if header and _SANE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def route_of(request) -> str:
    """The resolved URL pattern's name ("planning:plan-detail"), a bounded set of labels:
    "unnamed" for a pattern without a name, "unmatched" for a path no pattern matched. A
    middleware that answers before URL resolution names its route in `request.portal_route`."""
    answered_by = getattr(request, "portal_route", None)
    if answered_by:
        return answered_by
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or "unnamed"


def authority_of(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return match.kwargs.get("authority_slug")
