"""Paging of GeoJSON FeatureCollections that desktop GIS clients can follow.

GDAL/OGR's GeoJSON driver (QGIS, ogrinfo, ogr2ogr) reads one document and does not follow a
DRF-style top-level "next" URL. So a collection is answered

* with a generous default page (DEFAULT_LIMIT features; a portal's plans fit in one document)
  and `?limit=` up to MAX_LIMIT, `?offset=` for the rest;
* with a "name" (OGR takes the layer name from it; without it the layer name of a URL ending
  in "/" is empty);
* with the paging links in three forms: an OGC API "links" array (rel next/prev/self, which
  OGR's OAPIF driver and OGC clients follow), an RFC 8288 (formerly 5988) `Link` header, and
  the DRF-style "next"/"previous" members existing clients already read;
* with "numberMatched"/"numberReturned" (OGC API Features) and "count".
"""

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

GEOJSON = "application/geo+json"
DEFAULT_LIMIT = 1000
MAX_LIMIT = 10_000


class GeoJsonLinkPagination(LimitOffsetPagination):
    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT
    #: Name of the FeatureCollection (becomes the layer name in GDAL/QGIS).
    collection_name = "features"

    def _links(self) -> list[dict]:
        links = [{"rel": "self", "type": GEOJSON,
                  "href": self.request.build_absolute_uri()}]
        for rel, href in (("next", self.get_next_link()), ("prev", self.get_previous_link())):
            if href:
                links.append({"rel": rel, "type": GEOJSON, "href": href})
        return links

    def get_paginated_response(self, data):
        links = self._links()
        body = {
            "type": "FeatureCollection",
            "name": self.collection_name,
            "count": self.count,
            "numberMatched": self.count,
            "numberReturned": len(data["features"]),
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "links": links,
            "features": data["features"],
        }
        response = Response(body)
        header = ", ".join(f'<{link["href"]}>; rel="{link["rel"]}"; type="{GEOJSON}"'
                           for link in links if link["rel"] != "self")
        if header:
            response["Link"] = header
        return response

    def get_paginated_response_schema(self, schema):
        # `schema` is already a FeatureCollection (drf-spectacular's rest_framework_gis
        # extension); the paging members are added to it.
        link = {"type": "object", "properties": {
            "rel": {"type": "string"}, "type": {"type": "string"},
            "href": {"type": "string", "format": "uri"}}}
        paging = {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "count": {"type": "integer"},
                "numberMatched": {"type": "integer"},
                "numberReturned": {"type": "integer"},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "links": {"type": "array", "items": link},
            },
        }
        return {"allOf": [schema, paging]}
