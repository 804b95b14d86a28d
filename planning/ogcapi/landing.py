"""GET /ogcapi/: the landing page (OGC API Features Part 1, /req/core/root-success)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .links import link, self_and_alternate
from .params import COMMON_PARAMS, refuse_unknown
from .responses import HTML, JSON, OPENAPI, json_response, ogc_view, wants_html
from .tilejson import TILEJSON_REL


def landing_links(request, html: bool) -> list[dict]:
    return [
        *self_and_alternate(request, reverse("ogcapi:landing"), html),
        link(request, "service-desc", reverse("ogcapi:openapi"), OPENAPI,
             _("API definition (OpenAPI 3.0)"), {"f": "json"}),
        link(request, "service-doc", reverse("ogcapi:openapi"), HTML,
             _("API documentation"), {"f": "html"}),
        link(request, "conformance", reverse("ogcapi:conformance"), JSON,
             _("Conformance classes"), {"f": "json"}),
        link(request, "data", reverse("ogcapi:collections"), JSON, _("Collections"),
             {"f": "json"}),
        link(request, TILEJSON_REL, reverse("ogcapi:plans-tilejson"), JSON,
             _("TileJSON of the vector tiles of all published plans")),
    ]


@ogc_view
def landing(request):
    refuse_unknown(request.GET, COMMON_PARAMS)
    html = wants_html(request)
    data = {
        "title": f"{settings.PORTAL_NAME}: OGC API Features",
        "description": _("Published land-use plans and their content as OGC API Features "
                         "(GeoJSON, CRS84)."),
        "links": landing_links(request, html),
    }
    if html:
        return render(request, "ogcapi/landing.html", {"data": data})
    return json_response(data)
