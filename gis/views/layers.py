"""Public endpoints of layers: vector tiles, raster tiles, GeoJSON, metadata.

A layer that is not public answers 404 unless a registered owner check grants the user access
(gis/access.py). All responses carry ETag/Last-Modified derived from the layer's version, so an
unchanged layer is answered with 304 without touching its features.
"""

from django.db.models import F
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..access import can_read_layer
from ..bbox import parse_bbox
from ..errors import InputError
from ..geojson_sql import JsonWithDefaults, feature_object, geojson_response
from ..models import Feature, IngestStatus, Layer, LayerKind
from ..tiles.caching import conditional_response, make_etag
from ..tiles.grid import Tile
from ..tiles.layer_set import FEATURE_PROPERTIES
from ..tiles.mvt import encode_tile

MVT_CONTENT_TYPE = "application/vnd.mapbox-vector-tile"
GEOJSON_MAX_FEATURES = 10_000
#: A layer feature as GeoJSON text written by the database: its attributes, and class, key and
#: label where the attributes do not name them.
LAYER_FEATURE = feature_object(
    id=F("pk"), geometry="geometry", precision=7,
    properties=JsonWithDefaults("attributes", {
        "class": F("feature_class"), "key": F("style_key"), "label": F("label")}),
)


def _readable_layer(request, uid, kind: str | None = None) -> Layer:
    layer = get_object_or_404(Layer, uid=uid, status=IngestStatus.DONE)
    if (kind and layer.kind != kind) or not can_read_layer(request.user, layer):
        raise Http404
    return layer


def _tile(z, x, y) -> Tile:
    try:
        return Tile.checked(int(z), int(x), int(y))
    except ValueError as exc:
        raise Http404(str(exc)) from exc


@require_GET
def vector_tile(request, uid, z, x, y):
    layer = _readable_layer(request, uid, LayerKind.VECTOR)
    tile = _tile(z, x, y)

    def build():
        data = encode_tile(
            Feature.objects.filter(layer=layer), geometry_field="geometry",
            properties=FEATURE_PROPERTIES, tile=tile, layer_name="features",
        )
        return HttpResponse(data, content_type=MVT_CONTENT_TYPE, status=200 if data else 204)

    return conditional_response(
        request, etag=make_etag("mvt", layer.uid, layer.version, z, x, y),
        last_modified=layer.updated_at, build=build, max_age=300, public=layer.is_public,
    )


@require_GET
def raster_tile(request, uid, z, x, y):
    layer = _readable_layer(request, uid, LayerKind.RASTER)
    tile = _tile(z, x, y)

    def build():
        from ..raster.tiles import render_tile

        png = render_tile(layer.cog_file.path, tile.z, tile.x, tile.y)
        if png is None:
            return HttpResponse(status=204)
        return HttpResponse(png, content_type="image/png")

    return conditional_response(
        request, etag=make_etag("png", layer.uid, layer.version, z, x, y),
        last_modified=layer.updated_at, build=build, max_age=3600, public=layer.is_public,
    )


def _features_in(layer: Layer, bbox):
    features = Feature.objects.filter(layer=layer)
    if bbox is not None:
        features = features.filter(geometry__intersects=bbox)
    return features.order_by("source_index")


@require_GET
def layer_geojson(request, uid):
    """The layer's features as one FeatureCollection, or those intersecting `bbox` (WGS84).

    At most GEOJSON_MAX_FEATURES features: a larger layer without a bbox, or a bbox holding
    more, is answered with 413 (the vector tiles serve any size). The geometries are written by
    the database (gis/geojson_sql.py); a bbox costs one query, LIMIT cap + 1, and no COUNT.
    """
    layer = _readable_layer(request, uid, LayerKind.VECTOR)
    bbox = None
    if "bbox" in request.GET:
        try:
            bbox = parse_bbox(request.GET["bbox"])
        except InputError as exc:
            return JsonResponse({"bbox": [exc.message]}, status=400)
    elif layer.feature_count > GEOJSON_MAX_FEATURES:
        return JsonResponse(
            {"error": _("This layer has %(count)d features; use its vector tiles instead.")
             % {"count": layer.feature_count}},
            status=413,
        )

    def build():
        features = list(
            _features_in(layer, bbox).annotate(feature=LAYER_FEATURE)
            .values_list("feature", flat=True)[:GEOJSON_MAX_FEATURES + 1]
        )
        if len(features) > GEOJSON_MAX_FEATURES:
            return JsonResponse(
                {"error": _("More than %(max)d features lie in this bbox; choose a smaller one "
                            "or use the vector tiles.") % {"max": GEOJSON_MAX_FEATURES}},
                status=413,
            )
        return geojson_response(features)

    return conditional_response(
        request, etag=make_etag("geojson", layer.uid, layer.version, bbox and bbox.extent),
        last_modified=layer.updated_at, build=build, max_age=300, public=layer.is_public,
    )


def layer_summary(layer: Layer) -> dict:
    """Metadata of a layer for pages and the API (tile URL templates include the version)."""
    data = {
        "uid": str(layer.uid), "name": layer.name, "kind": layer.kind, "status": layer.status,
        "status_message": layer.status_message, "style": layer.style, "version": layer.version,
    }
    if layer.status != IngestStatus.DONE:
        return data
    base = f"/tiles/layers/{layer.uid}/{{z}}/{{x}}/{{y}}"
    if layer.kind == LayerKind.VECTOR:
        data["tiles"] = f"{base}.pbf?v={layer.version}"
        data["feature_count"] = layer.feature_count
        if layer.feature_count <= GEOJSON_MAX_FEATURES:
            data["geojson"] = reverse("layer-geojson", kwargs={"uid": layer.uid}) + f"?v={layer.version}"
    else:
        data["tiles"] = f"{base}.png?v={layer.version}"
        data["bounds_wgs84"] = layer.raster_info.get("bounds_wgs84")
        data["min_zoom"] = layer.raster_info.get("min_zoom")
        data["max_zoom"] = layer.raster_info.get("max_zoom")
    return data
