"""Tile and GeoJSON endpoints against the same SQL run directly (the floor).

Loads a synthetic layer of N polygons (a grid of parcels around Dresden), then measures for one
busy tile: the raw ST_AsMVT SQL via the database cursor (floor), the encode_tile() function, and
the full HTTP endpoint through Django's test client (with and without a 304 revalidation); and
for the layer GeoJSON: raw SQL building the FeatureCollection in the database (floor) and the
endpoint. On SpatiaLite the floor is the clipped, reprojected selection in SQL.

The endpoint rows measure the view's work: the server-side tile cache (gis/tiles/server_cache.py)
is off for them, and one row measures a tile it keeps.

Run: make bench (PostGIS), or DATABASE_URL=spatialite:///var/bench.sqlite3 python -m bench.tiles
"""

from ._support import bench_database, interleaved, measure, report, setup_django

PARCELS_PER_SIDE = 70  # 4,900 polygons


def _load_layer(per_side: int = PARCELS_PER_SIDE):
    from django.contrib.gis.geos import Polygon

    from gis.models import Feature, IngestStatus, Layer, LayerKind

    layer = Layer.objects.create(name="bench", kind=LayerKind.VECTOR, status=IngestStatus.DONE,
                                 is_public=True)
    x0, y0, size = 830_000, 5_650_000, 40
    features = []
    for i in range(per_side):
        for j in range(per_side):
            x, y = x0 + i * size, y0 + j * size
            ring = ((x, y), (x + size - 2, y), (x + size - 2, y + size - 2), (x, y + size - 2), (x, y))
            features.append(Feature(layer=layer, geometry=Polygon(ring, srid=25832),
                                    attributes={"n": i * per_side + j},
                                    style_key=str((i + j) % 5), source_index=i * per_side + j))
    Feature.objects.bulk_create(features, batch_size=2000)
    layer.feature_count = len(features)
    layer.save()
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # statistics, as autovacuum keeps them in production
            cursor.execute("ANALYZE portal_gis_feature")
    return layer


def _raw_tile_sql(connection, tile, layer):
    """The floor: the tile built by hand-written SQL through the cursor."""
    postgis = connection.vendor == "postgresql"

    def run():
        with connection.cursor() as cursor:
            if postgis:
                cursor.execute(
                    "SELECT ST_AsMVT(q, 'features', 4096, 'geom') FROM ("
                    " SELECT ST_AsMVTGeom(ST_Transform(geometry, 3857), ST_TileEnvelope(%s,%s,%s),"
                    " 4096, 64, true) AS geom, id, feature_class AS class, style_key AS key, label"
                    " FROM portal_gis_feature WHERE layer_id = %s AND geometry &&"
                    " ST_Transform(ST_TileEnvelope(%s,%s,%s), 25832)) q",
                    [tile.z, tile.x, tile.y, layer.pk, tile.z, tile.x, tile.y],
                )
            else:
                box = tile.envelope(densify=1)
                cursor.execute(
                    "SELECT AsBinary(Intersection(Transform(geometry, 3857), GeomFromText(%s, 3857))),"
                    " id, feature_class, style_key, label FROM portal_gis_feature"
                    " WHERE layer_id = %s AND Intersects(geometry, Transform(GeomFromText(%s, 3857), 25832))",
                    [box.wkt, layer.pk, box.wkt],
                )
            cursor.fetchall()

    return run


def _interleaved(floor, function, rounds: int = 15) -> tuple[float, float]:
    """Medians of `floor` and `function` run alternately (bench._support.interleaved)."""
    medians = interleaved({"floor": floor, "function": function}, rounds=rounds)
    return medians["floor"], medians["function"]


def _kept(client, url, override_settings) -> float:
    with override_settings(PORTAL_TILE_CACHE_SECONDS=300):
        client.get(url)
        if client.get(url).get("X-Tile-Cache") != "hit":
            raise RuntimeError("the tile cache did not keep the tile")
        return measure(lambda: client.get(url))


def _jit_comparison(connection, tile, layer) -> None:
    """PostgreSQL's JIT on and off (DATABASE_JIT) for the SQL of a large tile and of the layer's
    GeoJSON, as the endpoints send it: EXPLAIN ANALYZE's execution time with JIT off and on, and
    the JIT compilation time it reports, interleaved over rounds (medians)."""
    import json
    import statistics

    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    urls = {f"tile z{tile.z}": f"/tiles/layers/{layer.uid}/{tile.z}/{tile.x}/{tile.y}.pbf",
            "layer GeoJSON": f"/api/layers/{layer.uid}/features.geojson"}
    print("\nPostgreSQL JIT (DATABASE_JIT; the portal's default is off), EXPLAIN ANALYZE, "
          "median of 7 interleaved rounds")
    print(f"{'':20} {'off ms':>9} {'on ms':>9} {'of it JIT ms':>13} {'on / off':>9} "
          f"{'plan cost':>12}")
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sql = max(queries.captured_queries, key=lambda q: float(q["time"]))["sql"]
        samples = {"off": [], "on": [], "jit": []}
        for _ in range(7):
            for setting in ("off", "on"):
                with connection.cursor() as cursor:
                    cursor.execute(f"SET jit = {setting}")
                    cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                    plan = cursor.fetchone()[0]
                plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
                samples[setting].append(plan["Execution Time"])
                if setting == "on":
                    timing = plan.get("JIT", {}).get("Timing", {}).get("Total", 0.0)
                    samples["jit"].append(timing if isinstance(timing, float) else 0.0)
                    cost = plan["Plan"]["Total Cost"]
        off, on, jit = (statistics.median(samples[k]) for k in ("off", "on", "jit"))
        print(f"{name:20} {off:9.2f} {on:9.2f} {jit:13.2f} {on / off:9.2f} {cost:12.0f}")
    with connection.cursor() as cursor:
        cursor.execute("RESET jit")


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings

    settings.PORTAL_TILE_CACHE_SECONDS = 0  # the endpoint rows measure the view, not the cache

    from gis.models import Feature
    from gis.tiles.grid import lonlat_to_tile
    from gis.tiles.mvt import encode_tile
    from gis.views.layers import FEATURE_PROPERTIES

    with bench_database():
        layer = _load_layer()
        centre = Feature.objects.filter(layer=layer)[len(Feature.objects.filter(layer=layer)) // 2]
        point = centre.geometry.centroid.transform(4326, clone=True)
        tile = lonlat_to_tile(point.x, point.y, 15)
        client = Client()
        url = f"/tiles/layers/{layer.uid}/{tile.z}/{tile.x}/{tile.y}.pbf"
        first = client.get(url)
        etag = first["ETag"]
        postgis = connection.vendor == "postgresql"

        def raw_sql():
            with connection.cursor() as cursor:
                if postgis:
                    cursor.execute(
                        "SELECT ST_AsMVT(q, 'features', 4096, 'geom') FROM ("
                        " SELECT ST_AsMVTGeom(ST_Transform(geometry, 3857), ST_TileEnvelope(%s,%s,%s),"
                        " 4096, 64, true) AS geom, id, feature_class AS class, style_key AS key, label"
                        " FROM portal_gis_feature WHERE layer_id = %s AND geometry &&"
                        " ST_Transform(ST_TileEnvelope(%s,%s,%s), 25832)) q",
                        [tile.z, tile.x, tile.y, layer.pk, tile.z, tile.x, tile.y],
                    )
                else:
                    box = tile.envelope(densify=1)
                    cursor.execute(
                        "SELECT AsBinary(Intersection(Transform(geometry, 3857), GeomFromText(%s, 3857))),"
                        " id, feature_class, style_key, label FROM portal_gis_feature"
                        " WHERE layer_id = %s AND Intersects(geometry, Transform(GeomFromText(%s, 3857), 25832))",
                        [box.wkt, layer.pk, box.wkt],
                    )
                cursor.fetchall()

        def function():
            encode_tile(Feature.objects.filter(layer=layer), geometry_field="geometry",
                        properties=FEATURE_PROPERTIES, tile=tile, layer_name="features")

        results = {
            "raw SQL (floor)": measure(raw_sql),
            "encode_tile()": measure(function),
            "GET tile endpoint": measure(lambda: client.get(url)),
            "GET tile endpoint, 304 (If-None-Match)": measure(
                lambda: client.get(url, HTTP_IF_NONE_MATCH=etag)),
            "GET tile endpoint, kept by the tile cache": _kept(client, url, override_settings),
            # The plan maps' combined source (one MVT per position, one layer per map layer).
            "GET layer-set endpoint (this layer)": measure(lambda: client.get(
                f"/tiles/layersets/{tile.z}/{tile.x}/{tile.y}.pbf?layers={layer.uid}")),
        }
        report(f"Vector tile z{tile.z} on {connection.vendor}, {len(first.content)} bytes, "
               f"{layer.feature_count} features in the layer", "raw SQL (floor)", results)

        # A plan map's layer set: 13 layers (the same one 13 times) in one query or one each.
        from gis.tiles.layer_set import encode_layer_set

        def query_each():
            b"".join(encode_tile(Feature.objects.filter(layer=layer), geometry_field="geometry",
                                 properties=FEATURE_PROPERTIES, tile=tile, layer_name=str(n))
                     for n in range(13))

        results = {
            "13 layers, a query each": measure(query_each, repeat=9),
            "13 layers, encode_layer_set()": measure(lambda: encode_layer_set([layer] * 13, tile),
                                                     repeat=9),
        }
        report("Layer set of 13 layers (one query on PostGIS)", "13 layers, a query each", results)

        # Every request on a new connection (CONN_MAX_AGE=0) against the kept one.
        def fresh_connection_get():
            connection.close()
            client.get(url)

        results = {
            "GET tile endpoint, kept connection": measure(lambda: client.get(url)),
            "GET tile endpoint, new connection": measure(fresh_connection_get),
        }
        report("Persistent connections (DATABASE_CONN_MAX_AGE)",
               "GET tile endpoint, kept connection", results)

        zoom_results = {}
        for z in range(12, 17):
            zoom_tile = lonlat_to_tile(point.x, point.y, z)
            zoom_url = f"/tiles/layers/{layer.uid}/{z}/{zoom_tile.x}/{zoom_tile.y}.pbf"
            zoom_results[z] = _interleaved(_raw_tile_sql(connection, zoom_tile, layer),
                                           lambda u=zoom_url: client.get(u))
        print("\nVector tiles by zoom (same layer, tile at its centre; floor and endpoint "
              "interleaved, medians of 15)")
        print(f"{'zoom':6} {'floor ms':>10} {'endpoint ms':>12} {'ratio':>8} {'tiles/s':>9}")
        for z, (floor, endpoint) in zoom_results.items():
            print(f"z{z:<5} {floor * 1000:10.2f} {endpoint * 1000:12.2f} {endpoint / floor:8.2f} "
                  f"{1 / endpoint:9.1f}")

        if postgis:
            _jit_comparison(connection, lonlat_to_tile(point.x, point.y, 12), layer)

        geojson_url = f"/api/layers/{layer.uid}/features.geojson"

        def raw_geojson():
            with connection.cursor() as cursor:
                if postgis:
                    cursor.execute(
                        "SELECT json_build_object('type','FeatureCollection','features',"
                        " json_agg(json_build_object('type','Feature','id',id,'geometry',"
                        " ST_AsGeoJSON(ST_Transform(geometry,4326),7)::json,'properties',attributes)))"
                        " FROM portal_gis_feature WHERE layer_id = %s", [layer.pk])
                else:
                    cursor.execute(
                        "SELECT id, AsGeoJSON(Transform(geometry, 4326), 7), attributes"
                        " FROM portal_gis_feature WHERE layer_id = %s", [layer.pk])
                cursor.fetchall()

        results = {
            "raw SQL (floor)": measure(raw_geojson, repeat=7),
            "GET GeoJSON endpoint": measure(lambda: client.get(geojson_url), repeat=7),
        }
        report(f"Layer GeoJSON on {connection.vendor}, {layer.feature_count} features",
               "raw SQL (floor)", results)


if __name__ == "__main__":
    main()
