"""GET /api/: an index of the portal's machine interfaces (JSON), so a client that starts at the
API root finds the OpenAPI document, the GeoJSON collections and the tile URL templates."""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json"
MVT = "application/vnd.mapbox-vector-tile"


@require_GET
def api_index(request):
    def link(rel: str, href: str, media_type: str, title: str, templated: bool = False) -> dict:
        entry = {"rel": rel, "href": href if templated else request.build_absolute_uri(href),
                 "type": media_type, "title": title}
        if templated:
            entry["templated"] = True
        return entry

    base = request.build_absolute_uri("/").rstrip("/")
    links = [
        link("self", request.path, "application/json", "This index"),
        link("service-desc", reverse("api:schema") + "?format=json", OPENAPI,
             "OpenAPI document of this API"),
        link("service-doc", reverse("api:docs"), "text/html",
             "API reference (HTML, German and English) with a form per read operation"),
        link("related", reverse("ogcapi:landing"), "application/json",
             "OGC API Features (plans in force, plans in procedure, published plan layers) "
             "with TileJSON of the vector tiles: for QGIS/GDAL (docs/ogcapi.md)"),
        link("data", reverse("api:plan-list"), GEOJSON,
             "Published plans (Geltungsbereiche) as GeoJSON; paged with links rel=next"),
        link("data", reverse("api:procedure-list"), "application/json",
             "Every public procedure of every kind (plans, dialogues, surveys, ...), open "
             "first; paged with next links (docs/procedure-overview.md)"),
        link("data", reverse("api:procedure-geojson"), GEOJSON,
             "The same procedures as GeoJSON (their places; null without one)"),
        link("data", reverse("api:authority-list"), "application/json", "Authorities"),
        link("data", reverse("api:authority-geojson"), GEOJSON,
             "Jurisdictions of the authorities as GeoJSON"),
        link("tiles", base + "/tiles/plans/{z}/{x}/{y}.pbf", MVT,
             "Vector tiles of the published plans (layer 'plans'; same filters as /api/plans/)",
             templated=True),
        link("tiles", base + "/tiles/layersets/{z}/{x}/{y}.pbf?layers={uid},{uid}", MVT,
             "Vector tiles of several map layers in one tile (one MVT layer per layer uid)",
             templated=True),
        link("tiles", base + "/tiles/layers/{uid}/{z}/{x}/{y}.pbf", MVT,
             "Vector tiles of one map layer (layer 'features')", templated=True),
        link("tiles", base + "/tiles/layers/{uid}/{z}/{x}/{y}.png", "image/png",
             "Raster tiles of one scanned map layer", templated=True),
        link("data", base + "/api/layers/{uid}/features.geojson", GEOJSON,
             "Features of one map layer as GeoJSON", templated=True),
    ]
    return JsonResponse({"title": "Beteiligungsportal API", "links": links})
