"""Parallel plans for vector tiles of a large layer (PostGIS; DATABASE_PARALLEL_WORKERS).

A layer of 90,000 parcels (analysed, as autovacuum would); for the tile at its centre on
z12–z16 the tile SQL as encode_tile() sends it runs under EXPLAIN ANALYZE with
max_parallel_workers_per_gather 2 (PostgreSQL's default) and 0 (the portal's default),
interleaved over rounds (medians), with the plan the planner chose.

Run: make bench, or python -m bench.tiles_parallel
"""

import json
import statistics

from ._support import bench_database, setup_django

PARCELS_PER_SIDE = 300
ROUNDS = 5


def _nodes(plan) -> set[str]:
    found = {plan["Node Type"]}
    for child in plan.get("Plans", []):
        found |= _nodes(child)
    return found


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gis.models import Feature
    from gis.tiles.grid import lonlat_to_tile
    from gis.tiles.layer_set import FEATURE_PROPERTIES
    from gis.tiles.mvt import encode_tile

    from .tiles import _load_layer

    if connection.vendor != "postgresql":
        print("skipped: parallel plans are PostgreSQL's")
        return
    with bench_database():
        layer = _load_layer(PARCELS_PER_SIDE)
        centre = Feature.objects.filter(layer=layer).order_by("pk")[layer.feature_count // 2]
        point = centre.geometry.centroid.transform(4326, clone=True)
        print(f"\nTile SQL of a {layer.feature_count}-feature layer, EXPLAIN ANALYZE ms, "
              f"median of {ROUNDS} interleaved rounds")
        print(f"{'zoom':6} {'parallel 2':>11} {'parallel 0':>11} {'2 / 0':>7}  plan with 2")
        for z in range(12, 17):
            tile = lonlat_to_tile(point.x, point.y, z)
            with CaptureQueriesContext(connection) as queries:
                encode_tile(Feature.objects.filter(layer=layer), geometry_field="geometry",
                            properties=FEATURE_PROPERTIES, tile=tile, layer_name="features")
            sql = queries.captured_queries[-1]["sql"]
            times, plans = {"2": [], "0": []}, {}
            for _ in range(ROUNDS):
                for workers in ("2", "0"):
                    with connection.cursor() as cursor:
                        cursor.execute(f"SET max_parallel_workers_per_gather = {workers}")
                        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
                        plan = cursor.fetchone()[0]
                    plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]
                    times[workers].append(plan["Execution Time"])
                    plans[workers] = _nodes(plan["Plan"])
            with_two, with_none = statistics.median(times["2"]), statistics.median(times["0"])
            chosen = "parallel" if "Gather" in plans["2"] else "serial"
            scan = "seq scan" if "Seq Scan" in plans["2"] else "index"
            print(f"z{z:<5} {with_two:11.2f} {with_none:11.2f} {with_two / with_none:7.2f}  "
                  f"{chosen}, {scan}")
        with connection.cursor() as cursor:
            cursor.execute("RESET max_parallel_workers_per_gather")


if __name__ == "__main__":
    main()
