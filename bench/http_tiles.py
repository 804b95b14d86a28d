"""Vector tiles over HTTP through gunicorn, against the same SQL straight from the database.

The layer of bench/tiles.py (4,900 parcels) is served by `gunicorn -w 2` (the test settings,
which are the production settings' database configuration); threads fetch the tile at the
layer's centre for a few seconds, 1 and 10 at a time. Each zoom is measured three ways:

* floor: the tile's ST_AsMVT SQL run by as many database connections directly (what pgbench
  would do with the same statement);
* gunicorn with DATABASE_CONN_MAX_AGE=600 (production: connections kept);
* gunicorn with DATABASE_CONN_MAX_AGE=0 (a new PostgreSQL backend per request).

Reported as tiles per second and the ratio to the floor. PostGIS only (SpatiaLite has no server
to connect to and no ST_AsMVT). The load generator runs on the same machine and takes its share
of the cores; compare ratios, not absolute figures.

Run: make bench, or python -m bench.http_tiles
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.client import HTTPConnection
from pathlib import Path

from ._support import bench_database, database_url, setup_django

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 3.0
ZOOMS = (14, 15, 16)
CLIENTS = (1, 10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rate(work, clients: int) -> float:
    """Operations per second of `clients` threads calling work(state) for SECONDS."""
    counts = [0] * clients
    stop = threading.Event()

    def loop(index):
        state = {}
        while not stop.is_set():
            work(state)
            counts[index] += 1
        if "close" in state:
            state["close"]()

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


class Gunicorn:
    def __init__(self, database_url: str, conn_max_age: int, log: Path):
        self.port = _free_port()
        env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test",
                            "DATABASE_URL": database_url,
                            "DATABASE_CONN_MAX_AGE": str(conn_max_age)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-b",
             f"127.0.0.1:{self.port}", "-w", "2", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/")
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start, see {log}")

    def get(self, path: str) -> int:
        http = HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            http.request("GET", path)
            response = http.getresponse()
            response.read()
            return response.status
        finally:
            http.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(20)


def main() -> None:
    setup_django()
    from django.db import connection

    from gis.models import Feature
    from gis.tiles.grid import lonlat_to_tile

    from .tiles import _load_layer

    if connection.vendor != "postgresql":
        print("skipped: tiles over HTTP are measured on PostGIS")
        return
    import psycopg

    with bench_database(), tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        layer = _load_layer()
        features = Feature.objects.filter(layer=layer).order_by("pk")
        point = features[features.count() // 2].geometry.centroid.transform(4326, clone=True)
        db = connection.settings_dict
        url = database_url(connection)
        tiles = {z: lonlat_to_tile(point.x, point.y, z) for z in ZOOMS}
        sql = ("SELECT ST_AsMVT(q, 'features', 4096, 'geom') FROM ("
               " SELECT ST_AsMVTGeom(ST_Transform(geometry, 3857), ST_TileEnvelope(%s,%s,%s),"
               " 4096, 64, true) AS geom, id, feature_class AS class, style_key AS key, label"
               " FROM portal_gis_feature WHERE layer_id = %s AND geometry &&"
               " ST_Transform(ST_TileEnvelope(%s,%s,%s), 25832)) q")

        def floor_work(tile):
            def work(state):
                if "db" not in state:
                    state["db"] = psycopg.connect(
                        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                        password=db["PASSWORD"], dbname=db["NAME"], autocommit=True,
                        options="-c jit=off")
                    state["close"] = state["db"].close
                state["db"].execute(sql, [tile.z, tile.x, tile.y, layer.pk,
                                          tile.z, tile.x, tile.y]).fetchone()
            return work

        results = {}
        for z, tile in tiles.items():
            for clients in CLIENTS:
                results[("floor: ST_AsMVT SQL, direct", z, clients)] = _rate(floor_work(tile),
                                                                            clients)
        for label, max_age in (("gunicorn, connections kept (600 s)", 600),
                               ("gunicorn, new connection per request", 0)):
            server = Gunicorn(url, max_age, Path(tmp) / f"gunicorn-{max_age}.log")
            try:
                for z, tile in tiles.items():
                    path = f"/tiles/layers/{layer.uid}/{z}/{tile.x}/{tile.y}.pbf"
                    if server.get(path) != 200:
                        raise RuntimeError(f"{path} did not answer 200")
                    for clients in CLIENTS:
                        results[(label, z, clients)] = _rate(
                            lambda state, p=path, s=server: s.get(p), clients)
            finally:
                server.stop()

        print(f"\nVector tiles over HTTP, {layer.feature_count} features, tiles per second "
              f"({SECONDS:.0f} s each; ratio to the floor with as many clients)")
        print(f"{'':40} " + " ".join(f"{f'z{z} x{c}':>13}" for z in ZOOMS for c in CLIENTS))
        for label in dict.fromkeys(key[0] for key in results):
            cells = []
            for z in ZOOMS:
                for clients in CLIENTS:
                    rate = results[(label, z, clients)]
                    floor = results[("floor: ST_AsMVT SQL, direct", z, clients)]
                    cells.append(f"{rate:7.1f} {rate / floor:4.2f}")
            print(f"{label:40} " + " ".join(f"{cell:>13}" for cell in cells))


if __name__ == "__main__":
    main()
