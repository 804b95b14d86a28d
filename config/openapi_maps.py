"""drf-spectacular post-processing hook: the map endpoints that are plain Django views (tiles and
GeoJSON, served with ETags straight from the database) in the OpenAPI document."""

MVT = "application/vnd.mapbox-vector-tile"
GEOJSON = "application/geo+json"


def _param(name: str, where: str, schema: dict, description: str, required: bool = True) -> dict:
    return {"name": name, "in": where, "required": required, "schema": schema,
            "description": description}


_Z = _param("z", "path", {"type": "integer", "minimum": 0, "maximum": 22}, "zoom level")
_X = _param("x", "path", {"type": "integer", "minimum": 0}, "tile column (XYZ)")
_Y = _param("y", "path", {"type": "integer", "minimum": 0}, "tile row (XYZ, from the top)")
_UID = _param("uid", "path", {"type": "string", "format": "uuid"}, "uid of the map layer")
_TILE_RESPONSES = {
    "200": {"description": "a Mapbox Vector Tile", "content": {MVT: {"schema": {
        "type": "string", "format": "binary"}}}},
    "204": {"description": "no feature touches the tile"},
    "304": {"description": "unchanged (If-None-Match / If-Modified-Since)"},
    "404": {"description": "unknown or not public, or a tile outside the grid"},
}
_FEATURE_COLLECTION = {"type": "object", "properties": {
    "type": {"type": "string", "enum": ["FeatureCollection"]},
    "features": {"type": "array", "items": {"type": "object"}}}}


def _get(operation_id: str, summary: str, parameters: list, responses: dict,
         tag: str = "maps") -> dict:
    return {"get": {"operationId": operation_id, "summary": summary, "tags": [tag],
                    "parameters": parameters, "responses": responses}}


def map_paths() -> dict:
    plan_filters = [
        _param(name, "query", {"type": "string"}, description, required=False)
        for name, description in (
            ("status", "running, open or in_force"), ("kind", "kind of plan"),
            ("authority", "slug of the authority"))
    ]
    return {
        "/tiles/plans/{z}/{x}/{y}.pbf": _get(
            "plan_tiles", "Geltungsbereiche of the published plans as vector tiles "
            "(MVT layer 'plans')", [_Z, _X, _Y, *plan_filters], _TILE_RESPONSES),
        "/tiles/layersets/{z}/{x}/{y}.pbf": _get(
            "layer_set_tiles", "Several map layers in one vector tile: one MVT layer per "
            "requested layer, named by its uid", [_Z, _X, _Y, _param(
                "layers", "query", {"type": "string"},
                "comma-separated uids of vector layers (at most 50)")], _TILE_RESPONSES),
        "/tiles/layers/{uid}/{z}/{x}/{y}.pbf": _get(
            "layer_vector_tiles", "One vector map layer as vector tiles (MVT layer "
            "'features': id, class, key, label)", [_UID, _Z, _X, _Y], _TILE_RESPONSES),
        "/tiles/layers/{uid}/{z}/{x}/{y}.png": _get(
            "layer_raster_tiles", "One raster map layer (a scanned plan) as PNG tiles",
            [_UID, _Z, _X, _Y], {**_TILE_RESPONSES, "200": {
                "description": "a PNG tile", "content": {"image/png": {"schema": {
                    "type": "string", "format": "binary"}}}}}),
        "/api/layers/{uid}/features.geojson": _get(
            "layer_geojson", "The features of one vector map layer as GeoJSON (WGS84), "
            "at most 10,000 (all of them or those in a bbox)",
            [_UID, _param("bbox", "query", {"type": "string"},
                          "minLon,minLat,maxLon,maxLat (WGS84): the features intersecting it",
                          required=False)],
            {"200": {"description": "a FeatureCollection", "content": {
                GEOJSON: {"schema": _FEATURE_COLLECTION}}},
                "400": {"description": "a bbox that is not four numbers in WGS84, min < max"},
                "404": {"description": "unknown or not public"},
                "413": {"description": "more than 10,000 features in the layer (without a "
                                       "bbox) or in the bbox: a smaller bbox or the vector "
                                       "tiles"}}),
        "/api/authorities.geojson": _get(
            "authorities_geojson", "Jurisdictions of all active authorities as GeoJSON",
            [], {"200": {"description": "a FeatureCollection", "content": {
                GEOJSON: {"schema": _FEATURE_COLLECTION}}}}),
        "/api/authorities/{slug}/geojson/": _get(
            "authority_geojson", "Jurisdiction of one authority as GeoJSON",
            [_param("slug", "path", {"type": "string"}, "slug of the authority")],
            {"200": {"description": "a FeatureCollection with one feature", "content": {
                GEOJSON: {"schema": _FEATURE_COLLECTION}}},
                "404": {"description": "unknown authority"}}),
    }


def add_map_endpoints(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: add the tile and GeoJSON paths."""
    paths = result.setdefault("paths", {})
    for path, item in map_paths().items():
        paths.setdefault(path, item)
    return result
