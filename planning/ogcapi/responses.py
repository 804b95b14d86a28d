"""Encodings of every resource: JSON (GeoJSON for features) or HTML, by `f` or the Accept header.

`f=json` / `f=html` wins; without it, HTML is served when the client's Accept header names
text/html before any JSON type (a browser), JSON otherwise (GDAL, QGIS, OWSLib, curl).
"""

import json
from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .params import ParameterError

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
FORMATS = {"json", "html"}


def wants_html(request) -> bool:
    chosen = request.GET.get("f")
    if chosen is not None:
        if chosen not in FORMATS:
            raise ParameterError("f", _("Unknown format; use f=json or f=html."))
        return chosen == "html"
    for part in request.headers.get("Accept", "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if "json" in media:
            return False
    return False


def json_response(data: dict, media_type: str = JSON, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return raw_json_response(body, media_type, status)


def raw_json_response(body: str, media_type: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(body.encode(), content_type=media_type, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(request, status: int, title: str, detail: str) -> HttpResponse:
    """An exception as in OGC API Common (JSON: code/description), or an HTML page."""
    try:
        html = wants_html(request)
    except ParameterError:
        html = False
    if html:
        return render(request, "ogcapi/error.html",
                      {"status": status, "title": title, "detail": detail}, status=status)
    response = JsonResponse({"code": title, "description": detail}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


class NotFound(Exception):
    pass


def ogc_view(view: Callable) -> Callable:
    """GET and HEAD only; parameter errors answer 400 and unknown resources 404, in the asked
    encoding. The encoding may follow the Accept header: caches must keep both apart."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except ParameterError as error:
            response = error_response(request, 400, "InvalidParameterValue",
                                      f"{error.name}: {error.message}")
        except NotFound:
            response = error_response(request, 404, "NotFound", _("There is no such resource."))
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        return response

    return wrapper
