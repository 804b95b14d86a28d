"""GET /ogcapi/collections/<id>/items and …/items/<featureId>: features in GeoJSON or HTML.

Items: `bbox` (CRS84, or UTM with `bbox-crs`), `datetime` (instant or interval on the
collection's date field), `limit` (DEFAULT_LIMIT, at most MAX_LIMIT), `offset` and `crs` (Part 2);
the page carries numberMatched, numberReturned, timeStamp and the links next/prev that GDAL,
QGIS and OWSLib follow.
"""

import json
from datetime import UTC, datetime

from django.shortcuts import render
from django.urls import reverse

from . import params as p
from .features import FeatureRow, filtered, page, rows
from .links import link, paging_links, self_and_alternate
from .published import find
from .responses import GEOJSON, JSON, NotFound, ogc_view, raw_json_response, wants_html


def _collection(collection_id: str):
    collection = find(collection_id)
    if collection is None:
        raise NotFound
    return collection


@ogc_view
def items(request, collection_id):
    query = request.GET
    p.refuse_unknown(query, p.ITEMS_PARAMS)
    html = wants_html(request)
    collection = _collection(collection_id)
    crs_uri, srid = p.crs(query)
    bbox, interval = p.bbox(query), p.datetime_interval(query)
    limit, offset = p.limit(query), p.offset(query)
    features = filtered(collection, bbox, interval)
    matched = features.count()
    found = page(collection, features, offset, limit, srid)
    links = paging_links(request, collection.id, html, dict(query.items()), offset, limit,
                         len(found), matched)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if html:
        return render(request, "ogcapi/items.html", {
            "collection": collection, "links": links, "matched": matched,
            "returned": len(found), "offset": offset, "columns": list(collection.properties),
            "table_rows": [(f.id, [f.properties.get(c) for c in collection.properties])
                           for f in found]})
    # The features' GeoJSON text (geometry written by the database) is spliced in as it is.
    head = json.dumps({"type": "FeatureCollection", "numberMatched": matched,
                       "numberReturned": len(found), "timeStamp": stamp, "links": links},
                      ensure_ascii=False, separators=(",", ":"))
    body = head[:-1] + ',"features":[' + ",".join(f.as_json() for f in found) + "]}"
    return _with_crs(raw_json_response(body, GEOJSON), crs_uri)


def _with_crs(response, crs_uri: str):
    """Part 2: the CRS of the geometries, always named (CRS84 too)."""
    response["Content-Crs"] = f"<{crs_uri}>"
    return response


@ogc_view
def item(request, collection_id, feature_id):
    p.refuse_unknown(request.GET, p.FEATURE_PARAMS)
    html = wants_html(request)
    collection = _collection(collection_id)
    crs_uri, srid = p.crs(request.GET)
    found: list[FeatureRow] = rows(collection, collection.feature(feature_id), srid)
    if not found:
        raise NotFound
    feature = found[0]
    path = reverse("ogcapi:item", args=[collection.id, feature_id])
    links = [
        *self_and_alternate(request, path, html, GEOJSON),
        link(request, "collection", reverse("ogcapi:collection", args=[collection.id]), JSON,
             str(collection.title), {"f": "json"}),
    ]
    if html:
        return render(request, "ogcapi/item.html", {
            "collection": collection, "feature": feature, "links": links,
            "items_url": reverse("ogcapi:items", args=[collection.id])})
    text = feature.as_json()
    body = text[:-1] + ',"links":' + json.dumps(links, ensure_ascii=False) + "}"
    return _with_crs(raw_json_response(body, GEOJSON), crs_uri)


