"""Conditional GET for tiles and GeoJSON: strong ETags from content versions, not content."""

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe


def make_etag(*parts) -> str:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def client_has(request: HttpRequest, etag: str, modified: int | None) -> bool:
    """Whether the client's If-None-Match (or, without it, If-Modified-Since against `modified`,
    seconds since the epoch) says it holds this version."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    if_modified_since = request.headers.get("If-Modified-Since")
    if if_modified_since and modified is not None:
        since = parse_http_date_safe(if_modified_since)
        return since is not None and modified <= since
    return False


def conditional_response(
    request: HttpRequest,
    *,
    etag: str,
    last_modified: datetime | None,
    build: Callable[[], HttpResponse],
    max_age: int,
    public: bool,
) -> HttpResponse:
    """Answer 304 when the client has this version, otherwise build the response."""
    modified = int(last_modified.timestamp()) if last_modified is not None else None
    response = HttpResponseNotModified() if client_has(request, etag, modified) else build()
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    scope = "public" if public else "private"
    response["Cache-Control"] = f"{scope}, max-age={max_age}"
    response["Vary"] = "Accept-Encoding, Cookie" if not public else "Accept-Encoding"
    return response
