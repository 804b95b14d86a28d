"""Where a small vector tile's time goes over HTTP: the portal's fixed per-request cost.

bench/http_tiles.py shows the portal behind its floor and tipg for small tiles. This module
takes the smallest tile there (z16, 1 and 10 clients, wrk) and puts beside it, interleaved over
ROUNDS rounds of SECONDS each:

* 474 bytes answered by the WSGI callable before Django (/bench-bare/, bench/_noop_wsgi.py):
  the least a request through gunicorn's sync workers costs, the HTTP floor of any tile;
* a view that does nothing (/bench-noop/) through the same gunicorn and the whole middleware
  stack: Django's fixed per-request cost, no query;
* the tile kept by the server-side tile cache (gis/tiles/server_cache.py): answered after
  SecurityMiddleware, no session, no query;
* without the tile cache (PORTAL_TILE_CACHE_SECONDS=0, as the rows below):
* the tile's 304 revalidation (If-None-Match): that plus the layer's query;
* the tile (layer query + tile query), `gunicorn -w 2` as in http_tiles;
* the tile with `gunicorn -w 5` (2 x cores + 1, docs/performance.md "Production settings"):
  sync workers wait on PostgreSQL, more of them keep the cores busy;
* tipg (asyncpg pool: one process serves many requests while they wait on the database).

PostGIS only. Run: make bench, or python -m bench.http_overhead
"""

import tempfile
from contextlib import ExitStack
from pathlib import Path

from . import _peers
from ._support import bench_database, setup_django

SECONDS = 3
ROUNDS = 3
ZOOM = 16
CLIENTS = (1, 10)


def main() -> None:
    setup_django()
    from django.db import connection

    from .http_tiles import centre_tiles, start_tipg, tipg_path
    from .tiles import _load_layer

    if connection.vendor != "postgresql":
        print("skipped: measured on PostGIS")
        return
    if not _peers.available("wrk"):
        print(f"skipped: wrk {_peers.NOT_INSTALLED} ({_peers.SETUP_HINT})")
        return
    with bench_database(), tempfile.TemporaryDirectory(prefix="bench-overhead-") as tmp:
        tmp = Path(tmp)
        layer = _load_layer()
        db = connection.settings_dict
        tile = centre_tiles(layer, [ZOOM])[ZOOM]
        path = f"/tiles/layers/{layer.uid}/{ZOOM}/{tile.x}/{tile.y}.pbf"
        url = _peers.database_url(db)
        with ExitStack() as servers:
            w2 = servers.enter_context(_peers.portal_gunicorn(
                url, tmp / "w2.log", app="bench._noop_wsgi:application",
                PORTAL_TILE_CACHE_SECONDS="0"))
            w5 = servers.enter_context(_peers.portal_gunicorn(
                url, tmp / "w5.log", workers=5, PORTAL_TILE_CACHE_SECONDS="0"))
            kept = servers.enter_context(_peers.portal_gunicorn(url, tmp / "kept.log"))
            tipg = _peers.optional_peer(servers, "tipg",
                                        lambda: start_tipg(db, tmp / "tipg.log", tmp))
            w2.get("/bench-noop/")
            w5.get(path)
            etag = _fetch_etag(w2.port, path)
            _peers.warm(w2.url(path), w5.url(path), kept.url(path),
                        *([tipg.url(tipg_path(layer, tile))] if tipg else []))
            contenders = {
                "bare WSGI answer, gunicorn -w 2": lambda c: _peers.wrk(w2.url("/bench-bare/"),
                                                                        c, SECONDS),
                "no-op view, gunicorn -w 2": lambda c: _peers.wrk(w2.url("/bench-noop/"), c,
                                                                  SECONDS),
                "tile kept, gunicorn -w 2": lambda c: _peers.wrk(kept.url(path), c, SECONDS),
                "tile 304, gunicorn -w 2": lambda c: _peers.wrk(
                    w2.url(path), c, SECONDS, headers={"If-None-Match": etag}),
                "tile, gunicorn -w 2": lambda c: _peers.wrk(w2.url(path), c, SECONDS),
                "tile, gunicorn -w 5": lambda c: _peers.wrk(w5.url(path), c, SECONDS),
                "tile, tipg (uvicorn --workers 2)": (lambda c: _peers.wrk(
                    tipg.url(tipg_path(layer, tile)), c, SECONDS)) if tipg else None,
            }
            results = {
                clients: _peers.interleaved(
                    {name: (lambda run=run, c=clients: run(c)) if run else None
                     for name, run in contenders.items()}, ROUNDS)
                for clients in CLIENTS}

    print(f"\nThe fixed cost of a request, z{ZOOM} tile: requests per second, median of "
          f"{ROUNDS} interleaved rounds of {SECONDS} s "
          f"({_peers.machine()}); ms = 1000 / rate x clients")
    print(f"{'':34} " + " ".join(f"{f'x{c} per s':>10} {f'x{c} ms':>8}" for c in CLIENTS))
    for name in contenders:
        cells = []
        for clients in CLIENTS:
            rate = results[clients][name]
            ms = f"{1000 * clients / rate:.2f}" if not isinstance(rate, str) and rate else "–"
            cells.append(f"{_peers.cell(rate):>10} {ms:>8}")
        print(f"{name:34} " + " ".join(cells))
    if any(isinstance(rate, str) and rate != _peers.NOT_INSTALLED
           for row in results.values() for rate in row.values()):
        raise _peers.BenchError("errors in the overhead comparison (see above)")


def _fetch_etag(port: int, path: str) -> str:
    from http.client import HTTPConnection

    http = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        http.request("GET", path)
        response = http.getresponse()
        response.read()
        return response.getheader("ETag")
    finally:
        http.close()


if __name__ == "__main__":
    main()
