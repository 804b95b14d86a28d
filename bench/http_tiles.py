"""Vector tiles over HTTP: the portal against its floor and a peer, side by side in one run.

The layer of bench/tiles.py (4,900 parcels) and the tile at its centre, z12–z16, 1 and 10
clients, each measured three ways, interleaved (portal, floor, peer, portal, …) over ROUNDS
rounds of SECONDS each, medians reported:

* portal: `gunicorn -w 2` with the production settings (connections kept, the server-side tile
  cache of gis/tiles/server_cache.py on, as in production), load by `wrk -t1 -c1/-c10` on the
  tile URL; any non-2xx answer or socket error is an error. wrk repeats one URL, so after the
  first request this measures kept tiles (docs/tiles.md "Server-side tile cache");
* portal without the tile cache: the same with PORTAL_TILE_CACHE_SECONDS=0, every request
  through the whole stack and the database: what a tile costs the first time;
* floor: `pgbench -c1/-c10` running the very statement the portal sends for that tile
  (captured from one in-process request), with the portal's session settings (jit=off,
  no parallel workers): PostgreSQL alone, no HTTP;
* peer: tipg (OGC API Tiles, FastAPI/asyncpg) from its own venv var/peers/tipg under
  `uvicorn --workers 2`, serving the same table (filtered to the layer, the same four
  properties, the same tile buffer of 64), loaded by the same wrk.

Ratios: portal / floor and portal / peer, for both portal rows (tiles per second; below 1 = the
portal is slower).
The load generator shares the two cores with the servers and PostgreSQL: compare ratios.
A peer or tool that scripts/bench-setup.sh could not install is reported as "not installed".
PostGIS only. Run: make bench, or python -m bench.http_tiles
"""

import tempfile
from contextlib import ExitStack
from pathlib import Path

from . import _peers
from ._support import bench_database, setup_django

SECONDS = 3
ROUNDS = 3
ZOOMS = (12, 13, 14, 15, 16)
CLIENTS = (1, 10)
PORTAL, FLOOR, PEER = "portal (gunicorn -w 2)", "floor (pgbench, same SQL)", "peer (tipg)"
UNCACHED = "portal, no tile cache"


def _captured_tile_sql(connection, path: str) -> str:
    """The ST_AsMVT statement one in-process request of `path` sends, with its values."""
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    if response.status_code != 200:
        raise _peers.BenchError(f"{path} answered {response.status_code} in-process")
    return next(query["sql"] for query in queries if "ST_AsMVT" in query["sql"])


def start_tipg(db, log: Path, workdir: Path) -> _peers.Server:
    from urllib.parse import urlencode

    env = _peers.peer_env(
        DATABASE_URL=_peers.database_url(db, "postgresql", urlencode(_peers.PG_SESSION)),
        TIPG_DB_SCHEMAS='["public"]', TIPG_DB_TABLES='["public.portal_gis_feature"]', TIPG_DB_FUNCTIONS="[]",
        TIPG_TILE_BUFFER="64", TIPG_TILE_RESOLUTION="4096", TIPG_CATALOG_TTL="86400",
        TIPG_DB_SPATIAL_EXTENT="false", TIPG_DB_DATETIME_EXTENT="false",
    )
    return _peers.uvicorn("tipg", "tipg", "tipg.main:app", env, log, workdir,
                          ready_path="/collections")


def centre_tiles(layer, zooms) -> dict:
    """The tile at the centre of the layer's middle feature for each zoom."""
    from gis.models import Feature
    from gis.tiles.grid import lonlat_to_tile

    features = Feature.objects.filter(layer=layer).order_by("pk")
    point = features[features.count() // 2].geometry.centroid.transform(4326, clone=True)
    return {z: lonlat_to_tile(point.x, point.y, z) for z in zooms}


def tipg_path(layer, tile) -> str:
    """tipg's URL of a tile of the layer: its table filtered to the layer, the same four
    properties as the portal's tiles."""
    return (f"/collections/public.portal_gis_feature/tiles/WebMercatorQuad/"
            f"{tile.z}/{tile.x}/{tile.y}?layer_id={layer.pk}"
            f"&properties=id,feature_class,style_key,label")


def main() -> None:
    setup_django()
    from django.db import connection

    from .tiles import _load_layer

    if connection.vendor != "postgresql":
        print("skipped: tiles over HTTP are measured on PostGIS")
        return
    if not _peers.available("wrk"):
        print(f"skipped: wrk {_peers.NOT_INSTALLED} ({_peers.SETUP_HINT})")
        return
    with bench_database(), tempfile.TemporaryDirectory(prefix="bench-http-") as tmp:
        tmp = Path(tmp)
        layer = _load_layer()
        db = connection.settings_dict
        tiles = centre_tiles(layer, ZOOMS)
        paths = {z: f"/tiles/layers/{layer.uid}/{z}/{t.x}/{t.y}.pbf" for z, t in tiles.items()}
        scripts = {}
        for z, path in paths.items():
            scripts[z] = tmp / f"tile-z{z}.sql"
            scripts[z].write_text(_captured_tile_sql(connection, path) + ";\n")
        peer_paths = {z: tipg_path(layer, t) for z, t in tiles.items()}

        with ExitStack() as servers:
            portal = servers.enter_context(
                _peers.portal_gunicorn(_peers.database_url(db), tmp / "gunicorn.log"))
            uncached = servers.enter_context(
                _peers.portal_gunicorn(_peers.database_url(db), tmp / "uncached.log",
                                       PORTAL_TILE_CACHE_SECONDS="0"))
            peer = _peers.optional_peer(servers, "tipg",
                                        lambda: start_tipg(db, tmp / "tipg.log", tmp))
            sizes = {(z, PORTAL): len(portal.get(paths[z])) for z in ZOOMS}
            if any(len(uncached.get(paths[z])) != sizes[(z, PORTAL)] for z in ZOOMS):
                raise _peers.BenchError("the kept and the uncached tiles differ in size")
            sizes |= {(z, PEER): len(peer.get(peer_paths[z])) for z in ZOOMS if peer}
            _peers.warm(portal.url(paths[ZOOMS[-1]]), uncached.url(paths[ZOOMS[-1]]),
                        *([peer.url(peer_paths[ZOOMS[-1]])] if peer else []))
            results = {}
            for z in ZOOMS:
                for clients in CLIENTS:
                    results[(z, clients)] = _peers.interleaved({
                        PORTAL: lambda z=z, c=clients: _peers.wrk(portal.url(paths[z]), c,
                                                                  SECONDS),
                        UNCACHED: lambda z=z, c=clients: _peers.wrk(uncached.url(paths[z]), c,
                                                                    SECONDS),
                        FLOOR: (lambda z=z, c=clients: _peers.pgbench(scripts[z], db, c, SECONDS))
                        if _peers.available("pgbench") else None,
                        PEER: (lambda z=z, c=clients: _peers.wrk(peer.url(peer_paths[z]), c,
                                                                 SECONDS)) if peer else None,
                    }, ROUNDS)

    print(f"\nVector tiles over HTTP, {layer.feature_count} features, tile at the layer's "
          f"centre: tiles per second, median of {ROUNDS} interleaved rounds of {SECONDS} s "
          f"({_peers.machine()})")
    print("tile bytes, portal / tipg: " + ", ".join(
        f"z{z} {sizes[(z, PORTAL)]} / {sizes.get((z, PEER), '–')}" for z in ZOOMS))
    print("portal = with the server-side tile cache (production default); uncached = "
          "PORTAL_TILE_CACHE_SECONDS=0")
    header = ["", "floor", "peer", "portal", "uncached", "portal/floor", "portal/peer",
              "uncached/floor", "uncached/peer"]
    print(" ".join(f"{h:>14}" for h in header))
    for (z, clients), row in results.items():
        cells = [f"z{z} x{clients}", _peers.cell(row[FLOOR]), _peers.cell(row[PEER]),
                 _peers.cell(row[PORTAL]), _peers.cell(row[UNCACHED]),
                 _peers.ratio(row[PORTAL], row[FLOOR]), _peers.ratio(row[PORTAL], row[PEER]),
                 _peers.ratio(row[UNCACHED], row[FLOOR]), _peers.ratio(row[UNCACHED], row[PEER])]
        print(" ".join(f"{c:>14}" for c in cells))
    errors = [name for row in results.values() for name, rate in row.items()
              if isinstance(rate, str) and rate != _peers.NOT_INSTALLED]
    if errors:
        raise _peers.BenchError(f"errors in {sorted(set(errors))} (see above)")


if __name__ == "__main__":
    main()
