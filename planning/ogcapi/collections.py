"""GET /ogcapi/collections and /ogcapi/collections/<id>: collection metadata with extents.

(/req/core/fc-md-success, /req/core/sfc-md-success.)
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from gis.srid import storage_srid

from .links import link, self_and_alternate
from .params import COMMON_PARAMS, CRS_SRIDS, refuse_unknown
from .published import Collection, all_collections, extent, find
from .responses import GEOJSON, HTML, JSON, NotFound, json_response, ogc_view, wants_html
from .tilejson import TILEJSON_REL


def _tilejson_link(request, collection: Collection) -> dict:
    if collection.layer is not None:
        return link(request, TILEJSON_REL,
                    reverse("ogcapi:layer-tilejson", args=[collection.layer.uid]), JSON,
                    _("TileJSON of the vector tiles of this layer"))
    status = {"status": "in_force"} if collection.id == "plans-in-force" else None
    return link(request, TILEJSON_REL, reverse("ogcapi:plans-tilejson"), JSON,
                _("TileJSON of the vector tiles of the plans"), status)


def _storage_crs() -> dict:
    """Part 2: the CRS the geometries are stored in, where it is one of the offered ones."""
    stored = [uri for uri, srid in CRS_SRIDS.items() if srid == storage_srid()]
    return {"storageCrs": stored[0]} if stored else {}


def describe(request, collection: Collection, html: bool, own_page: bool) -> dict:
    path = reverse("ogcapi:collection", args=[collection.id])
    items = reverse("ogcapi:items", args=[collection.id])
    links = self_and_alternate(request, path, html) if own_page else [
        link(request, "self", path, JSON, str(collection.title), {"f": "json"})]
    links += [
        link(request, "items", items, GEOJSON, _("Features as GeoJSON"), {"f": "json"}),
        link(request, "items", items, HTML, _("Features as HTML"), {"f": "html"}),
        _tilejson_link(request, collection),
    ]
    return {
        "id": collection.id,
        "title": str(collection.title),
        "description": str(collection.description),
        "keywords": list(collection.keywords),
        "itemType": "feature",
        "crs": list(CRS_SRIDS),
        **_storage_crs(),
        "extent": extent(collection),
        "links": links,
    }


@ogc_view
def collection_list(request):
    refuse_unknown(request.GET, COMMON_PARAMS)
    html = wants_html(request)
    data = {
        "links": self_and_alternate(request, reverse("ogcapi:collections"), html),
        "collections": [describe(request, c, html, own_page=False) for c in all_collections()],
    }
    if html:
        return render(request, "ogcapi/collections.html", {"data": data})
    return json_response(data)


@ogc_view
def collection_detail(request, collection_id):
    refuse_unknown(request.GET, COMMON_PARAMS)
    collection = find(collection_id)
    if collection is None:
        raise NotFound
    html = wants_html(request)
    data = describe(request, collection, html, own_page=True)
    if html:
        return render(request, "ogcapi/collection.html", {"data": data})
    return json_response(data)
