"""Links of the OGC API documents, absolute, and the paging links of an items page."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from .responses import GEOJSON, HTML, JSON


def link(request, rel: str, path: str, media_type: str, title: str = "",
         params: dict | None = None) -> dict:
    href = request.build_absolute_uri(path)
    if params:
        href += "?" + urlencode(params)
    entry = {"href": href, "rel": rel, "type": media_type}
    if title:
        entry["title"] = str(title)
    return entry


def self_and_alternate(request, path: str, html: bool, media_type: str = JSON,
                       params: dict | None = None) -> list[dict]:
    """rel=self for the encoding served, rel=alternate for the other one."""
    params = {k: v for k, v in (params or {}).items() if k != "f"}
    as_json = link(request, "self" if not html else "alternate", path, media_type,
                   "JSON", params | {"f": "json"})
    as_html = link(request, "self" if html else "alternate", path, HTML, "HTML",
                   params | {"f": "html"})
    return [as_html, as_json] if html else [as_json, as_html]


def paging_links(request, collection_id: str, html: bool, params: dict, offset: int,
                 limit: int, returned: int, matched: int) -> list[dict]:
    """self/alternate, next while features remain, prev unless on the first page, and the
    collection."""
    path = reverse("ogcapi:items", args=[collection_id])
    media_type = HTML if html else GEOJSON
    f = "html" if html else "json"
    base = {k: v for k, v in params.items() if k not in ("offset", "limit", "f")}
    page = base | {"limit": limit}
    links = self_and_alternate(request, path, html, GEOJSON,
                               page | ({"offset": offset} if offset else {}))
    if offset + returned < matched:
        links.append(link(request, "next", path, media_type, _("Next page"),
                          page | {"offset": offset + limit, "f": f}))
    if offset > 0:
        previous = max(offset - limit, 0)
        links.append(link(request, "prev", path, media_type, _("Previous page"),
                          page | ({"offset": previous} if previous else {}) | {"f": f}))
    links.append(link(request, "collection", reverse("ogcapi:collection", args=[collection_id]),
                      JSON, _("The collection"), {"f": "json"}))
    return links
