"""GET /ogcapi/api: the API definition, OpenAPI 3.0 (JSON) or as an HTML page (/conf/oas30).

The definition names every parameter the API accepts: a parameter not named here is refused
with 400 (params.refuse_unknown).
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .params import COMMON_PARAMS, CRS_SRIDS, DEFAULT_LIMIT, MAX_LIMIT, refuse_unknown
from .responses import GEOJSON, HTML, JSON, OPENAPI, json_response, ogc_view, wants_html


def _parameter(name: str, where: str, schema: dict, description: str,
               required: bool = False, **extra) -> dict:
    return {"name": name, "in": where, "required": required, "schema": schema,
            "description": description, **extra}


def _parameters() -> dict:
    return {
        "f": _parameter("f", "query", {"type": "string", "enum": ["json", "html"]},
                        "Encoding of the response (default: by the Accept header)."),
        "collectionId": _parameter("collectionId", "path", {"type": "string"},
                                   "Id of a collection (see /collections).", True),
        "featureId": _parameter("featureId", "path", {"type": "string"},
                                "Id of a feature.", True),
        "bbox": _parameter("bbox", "query", {"type": "array", "minItems": 4, "maxItems": 6,
                                             "items": {"type": "number"}},
                           "minLon,minLat,maxLon,maxLat in CRS84.", style="form",
                           explode=False),
        "bbox-crs": _parameter("bbox-crs", "query", {"type": "string", "format": "uri",
                                                     "enum": list(CRS_SRIDS)},
                               "CRS of the bbox (default CRS84)."),
        "crs": _parameter("crs", "query", {"type": "string", "format": "uri",
                                           "enum": list(CRS_SRIDS)},
                          "CRS of the geometries in the response (default CRS84; "
                          "OGC API Features Part 2)."),
        "datetime": _parameter("datetime", "query", {"type": "string"},
                               "Instant or interval (RFC 3339, '..' for open ends), compared "
                               "with the collection's date field.", style="form", explode=False),
        "limit": _parameter("limit", "query", {"type": "integer", "minimum": 1,
                                               "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
                            "Features per page (larger values are served as the maximum).",
                            style="form", explode=False),
        "offset": _parameter("offset", "query", {"type": "integer", "minimum": 0, "default": 0},
                             "Features to skip (the next link sets it)."),
    }


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}


def _get(summary: str, operation_id: str, parameters: list[str], media_types: list[str]) -> dict:
    content = {media: {"schema": {"type": "object"} if media != HTML else {"type": "string"}}
               for media in media_types}
    return {"get": {
        "summary": summary, "operationId": operation_id, "tags": ["OGC API Features"],
        "parameters": [_ref(name) for name in parameters],
        "responses": {
            "200": {"description": "OK", "content": content},
            "400": {"description": "Invalid or unknown parameter"},
            "404": {"description": "Not found"},
        },
    }}


def definition(request) -> dict:
    base = request.build_absolute_uri(reverse("ogcapi:landing")).rstrip("/")
    return {
        "openapi": "3.0.3",
        "info": {"title": f"{settings.PORTAL_NAME}: OGC API Features", "version": "1.0.0",
                 "description": "Published land-use plans and their content (no personal "
                                "data). Conforms to OGC API Features Part 1 Core, GeoJSON, "
                                "HTML and OpenAPI 3.0."},
        "servers": [{"url": base}],
        "paths": {
            "/": _get("Landing page", "getLandingPage", ["f"], [JSON, HTML]),
            "/conformance": _get("Conformance classes", "getConformance", ["f"], [JSON, HTML]),
            "/collections": _get("Collections", "getCollections", ["f"], [JSON, HTML]),
            "/collections/{collectionId}": _get("One collection", "describeCollection",
                                                ["collectionId", "f"], [JSON, HTML]),
            "/collections/{collectionId}/items": _get(
                "Features of a collection", "getFeatures",
                ["collectionId", "bbox", "bbox-crs", "datetime", "limit", "offset", "crs", "f"],
                [GEOJSON, HTML]),
            "/collections/{collectionId}/items/{featureId}": _get(
                "One feature", "getFeature", ["collectionId", "featureId", "crs", "f"],
                [GEOJSON, HTML]),
        },
        "components": {"parameters": _parameters()},
    }


@ogc_view
def openapi(request):
    refuse_unknown(request.GET, COMMON_PARAMS)
    data = definition(request)
    if wants_html(request):
        operations = [{"path": path, "summary": item["get"]["summary"],
                       "parameters": [ref["$ref"].rsplit("/", 1)[1]
                                      for ref in item["get"]["parameters"]]}
                      for path, item in data["paths"].items()]
        return render(request, "ogcapi/openapi.html", {
            "data": data, "operations": operations,
            "parameters": data["components"]["parameters"].values(),
            "json_url": reverse("ogcapi:openapi") + "?f=json",
            "title": _("API documentation")})
    return json_response(data, OPENAPI)
