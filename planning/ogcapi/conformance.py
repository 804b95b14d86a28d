"""GET /ogcapi/conformance: the conformance classes implemented (/req/core/conformance-success)."""

from django.shortcuts import render
from django.urls import reverse

from .links import self_and_alternate
from .params import COMMON_PARAMS, refuse_unknown
from .responses import json_response, ogc_view, wants_html

CONFORMS_TO = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]


@ogc_view
def conformance(request):
    refuse_unknown(request.GET, COMMON_PARAMS)
    html = wants_html(request)
    data = {"conformsTo": CONFORMS_TO,
            "links": self_and_alternate(request, reverse("ogcapi:conformance"), html)}
    if html:
        return render(request, "ogcapi/conformance.html", {"data": data})
    return json_response(data)
