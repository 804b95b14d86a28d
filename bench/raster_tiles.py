"""Benchmark: gis.raster.tiles.render_tile against its floors (no assertions, only ratios).

    .venv/bin/python bench/raster_tiles.py [--rounds N] [--json]

A COG is made from ../shared/data/xplan/Blankenese29.png (or, without the shared data, from a
generated 3000 x 2000 pattern), then every tile covering it at max_zoom and max_zoom - 2 is
rendered repeatedly. Floors, each on the same tiles:

* read:   the same pixel window read with GDAL from an already open dataset (no PNG);
* read+encode: that read plus Pillow's PNG encoding at the same zlib level (the work a tile
          needs at minimum; render_tile adds window arithmetic, cache lookup, stat());
* static: reading the already rendered PNG file from disk (what a tile cache serves).

Over HTTP (PostGIS only, needs wrk; scripts/bench-setup.sh installs it): the portal's raster
XYZ URL of a layer on that COG through `gunicorn -w 2` with the production settings, against
the peer, rio-tiler (bench/peers/riotiler_app.py under `uvicorn --workers 2` in its own venv
var/peers/riotiler, reading the same file), each loaded by `wrk -t1 -c1/-c10` on the tile at
the image's centre at max_zoom and max_zoom - 2, interleaved over HTTP_ROUNDS rounds of
HTTP_SECONDS; tiles per second and portal / peer. The portal runs twice: as in production,
with the server-side tile cache (gis/tiles/server_cache.py; wrk repeats one URL, so this
measures kept tiles), and with PORTAL_TILE_CACHE_SECONDS=0 (every tile rendered from the COG).
A peer that is missing says "not installed".
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from osgeo import gdal  # noqa: E402
from PIL import Image  # noqa: E402

from gis.raster import tiles, webmercator  # noqa: E402
from gis.raster.pipeline import convert_to_cog  # noqa: E402

SHARED = Path(os.environ.get("PORTAL_SHARED_DIR") or ROOT.parent / "shared") / "data" / "xplan"
HTTP_SECONDS = 3
HTTP_ROUNDS = 3
HTTP_CLIENTS = (1, 10)


def make_source(directory: Path) -> dict:
    png, pgw = SHARED / "Blankenese29.png", SHARED / "Blankenese29.pgw"
    if png.exists():
        return {"source": png, "world_file": pgw, "srid": 25832, "label": "Blankenese29.png"}
    from osgeo import osr

    path = directory / "pattern.tif"
    width, height = 3000, 2000
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), width, height, 3, gdal.GDT_Byte)
    dataset.SetGeoTransform((411000.0, 0.25, 0.0, 5656000.0, 0.0, -0.25))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25833)
    dataset.SetSpatialRef(srs)
    row = bytes((x * 37 + (x // 50) * 91) % 256 for x in range(width))
    for band in range(1, 4):
        data = b"".join(row[y % 97 :] + row[: y % 97] for y in range(height))
        dataset.GetRasterBand(band).WriteRaster(0, 0, width, height, data)
    dataset = None
    return {"source": path, "world_file": None, "srid": None, "label": "generated pattern"}


def timed(function, items, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for item in items:
            start = time.perf_counter()
            function(item)
            samples.append(time.perf_counter() - start)
    return samples


def summary(samples: list[float]) -> dict:
    return {
        "median_ms": statistics.median(samples) * 1000,
        "mean_ms": statistics.fmean(samples) * 1000,
        "p95_ms": sorted(samples)[int(len(samples) * 0.95) - 1] * 1000,
    }


def window_of(cog_path: str, z: int, x: int, y: int):
    """The level dataset and integer window that render_tile reads for a stored zoom."""
    base = gdal.Open(cog_path)
    x0, res, _b, y0, _d, _e = base.GetGeoTransform()
    max_zoom = round(webmercator.zoom_for_resolution(res))
    level = max_zoom - z
    dataset = gdal.OpenEx(cog_path, open_options=[f"OVERVIEW_LEVEL={level - 1}"]) if level else base
    level_res = res * 2**level
    minx, _miny, _maxx, maxy = webmercator.tile_bounds(z, x, y)
    col, row = round((minx - x0) / level_res), round((y0 - maxy) / level_res)
    # Clip like render_tile does.
    col0, row0 = max(col, 0), max(row, 0)
    col1 = min(col + 256, dataset.RasterXSize)
    row1 = min(row + 256, dataset.RasterYSize)
    return dataset, (col0, row0, col1 - col0, row1 - row0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-tiles-") as tmp:
        directory = Path(tmp)
        source = make_source(directory)
        started = time.perf_counter()
        cog = convert_to_cog(
            source["source"],
            out_path=directory / "bench.cog.tif",
            world_file=source["world_file"],
            srid=source["srid"],
        )
        conversion_s = time.perf_counter() - started
        path = cog["output_path"]
        keys = []
        for z in (cog["max_zoom"], cog["max_zoom"] - 2):
            keys += list(webmercator.tiles_covering(cog["bounds_3857"], z))
        rendered = {key: tiles.render_tile(path, *key) for key in keys}
        keys = [key for key in keys if rendered[key] is not None]
        for key in keys:
            (directory / "{}-{}-{}.png".format(*key)).write_bytes(rendered[key])
        windows = {key: window_of(path, *key) for key in keys}

        def read(key):
            dataset, (col, row, width, height) = windows[key]
            return dataset.ReadRaster(
                col, row, width, height,
                band_list=[1, 2, 3, 4], buf_pixel_space=4,
                buf_line_space=4 * width, buf_band_space=1,
            )  # fmt: skip

        def read_encode(key):
            data = read(key)
            _dataset, (_col, _row, width, height) = windows[key]
            image = Image.frombuffer("RGBA", (width, height), data, "raw", "RGBA", 0, 1)
            if image.size != (256, 256):  # a tile is always 256 x 256, like render_tile's
                tile = Image.new("RGBA", (256, 256))
                tile.paste(image)
                image = tile
            image.save(io.BytesIO(), format="PNG", compress_level=tiles.PNG_COMPRESS_LEVEL)

        def static(key):
            return (directory / "{}-{}-{}.png".format(*key)).read_bytes()

        def render(key):
            return tiles.render_tile(path, *key)

        results = {
            "render_tile": summary(timed(render, keys, args.rounds)),
            "floor_read": summary(timed(read, keys, args.rounds)),
            "floor_read_encode": summary(timed(read_encode, keys, args.rounds)),
            "floor_static_png": summary(timed(static, keys, args.rounds)),
        }
        render_median = results["render_tile"]["median_ms"]
        report = {
            "source": source["label"],
            "conversion_s": round(conversion_s, 2),
            "cog_bytes": cog["output_bytes"],
            "zooms": [cog["max_zoom"], cog["max_zoom"] - 2],
            "tiles": len(keys),
            "mean_png_bytes": int(statistics.fmean(len(rendered[key]) for key in keys)),
            "results": results,
            "ratios": {
                name: render_median / value["median_ms"]
                for name, value in results.items()
                if name != "render_tile"
            },
        }
        if args.json:
            print(json.dumps(report, indent=2))
            return
        print(f"source: {report['source']}, conversion {report['conversion_s']} s, "
              f"COG {report['cog_bytes']} bytes, {report['tiles']} tiles at zooms "
              f"{report['zooms']}, PNG ~{report['mean_png_bytes']} bytes")
        for name, value in results.items():
            ratio = report["ratios"].get(name)
            suffix = f"   render_tile / this = {ratio:.2f}" if ratio else ""
            print(f"{name:20s} median {value['median_ms']:7.3f} ms  "
                  f"p95 {value['p95_ms']:7.3f} ms{suffix}")
        http_comparison(cog, directory)


def _centre_tile(cog: dict, z: int) -> tuple[int, int, int]:
    keys = sorted(webmercator.tiles_covering(cog["bounds_3857"], z))
    xs, ys = sorted({key[1] for key in keys}), sorted({key[2] for key in keys})
    return z, xs[len(xs) // 2], ys[len(ys) // 2]


def http_comparison(cog: dict, directory: Path) -> None:
    """The portal's raster tile URL through gunicorn against rio-tiler over HTTP (see above)."""
    from bench import _peers
    from bench._support import bench_database, setup_django

    setup_django()
    from django.db import connection

    from gis.models import IngestStatus, Layer, LayerKind

    if connection.vendor != "postgresql":
        print("HTTP comparison skipped: measured on PostGIS (gunicorn needs a database server)")
        return
    if not _peers.available("wrk"):
        print(f"HTTP comparison skipped: wrk {_peers.NOT_INSTALLED} ({_peers.SETUP_HINT})")
        return
    tiles_zxy = [_centre_tile(cog, z) for z in (cog["max_zoom"], cog["max_zoom"] - 2)]
    media = directory / "media"
    with bench_database():
        layer = Layer.objects.create(name="bench raster", kind=LayerKind.RASTER,
                                     status=IngestStatus.DONE, is_public=True,
                                     raster_info={"max_zoom": cog["max_zoom"]})
        name = f"private/layers/{layer.uid}/raster.tif"
        (media / name).parent.mkdir(parents=True)
        os.link(cog["output_path"], media / name)
        layer.cog_file.name = name
        layer.save()
        with ExitStack() as servers:
            portal = servers.enter_context(_peers.portal_gunicorn(
                _peers.database_url(connection.settings_dict), directory / "gunicorn.log",
                MEDIA_ROOT=str(media)))
            uncached = servers.enter_context(_peers.portal_gunicorn(
                _peers.database_url(connection.settings_dict), directory / "uncached.log",
                MEDIA_ROOT=str(media), PORTAL_TILE_CACHE_SECONDS="0"))
            peer = _peers.optional_peer(servers, "rio-tiler", lambda: _peers.uvicorn(
                "rio-tiler", "riotiler", "riotiler_app:app",
                _peers.peer_env(RIOTILER_COG=str(media / name)), directory / "riotiler.log",
                ROOT / "bench" / "peers", ready_path="/0/0/0.png"))
            paths = {zxy: ("/tiles/layers/{}/{}/{}/{}.png".format(layer.uid, *zxy),
                           "/{}/{}/{}.png".format(*zxy)) for zxy in tiles_zxy}
            sizes = {zxy: (len(portal.get(own)), len(peer.get(other)) if peer else "–")
                     for zxy, (own, other) in paths.items()}
            _peers.warm(*(portal.url(own) for own, _other in paths.values()),
                        *(uncached.url(own) for own, _other in paths.values()),
                        *(peer.url(other) for _own, other in paths.values() if peer))
            results = {}
            for zxy, (own, other) in paths.items():
                for clients in HTTP_CLIENTS:
                    results[(zxy, clients)] = _peers.interleaved({
                        "portal": lambda p=own, c=clients: _peers.wrk(
                            portal.url(p), c, HTTP_SECONDS),
                        "uncached": lambda p=own, c=clients: _peers.wrk(
                            uncached.url(p), c, HTTP_SECONDS),
                        "peer": (lambda p=other, c=clients: _peers.wrk(
                            peer.url(p), c, HTTP_SECONDS)) if peer else None,
                    }, HTTP_ROUNDS)

    print(f"\nRaster tiles over HTTP: tiles per second, median of {HTTP_ROUNDS} interleaved "
          f"rounds of {HTTP_SECONDS} s ({_peers.machine()})")
    print("portal = with the server-side tile cache (production default); uncached = "
          "PORTAL_TILE_CACHE_SECONDS=0")
    print(f"{'':>16} {'PNG bytes':>16} {'rio-tiler':>10} {'portal':>10} {'uncached':>10} "
          f"{'portal/peer':>12} {'uncached/peer':>14}")
    for (zxy, clients), row in results.items():
        size = "{} / {}".format(*sizes[zxy])
        print(f"{f'z{zxy[0]} x{clients}':>16} {size:>16} {_peers.cell(row['peer']):>10} "
              f"{_peers.cell(row['portal']):>10} {_peers.cell(row['uncached']):>10} "
              f"{_peers.ratio(row['portal'], row['peer']):>12} "
              f"{_peers.ratio(row['uncached'], row['peer']):>14}")
    if any(isinstance(rate, str) and rate != _peers.NOT_INSTALLED
           for row in results.values() for rate in row.values()):
        raise _peers.BenchError("errors in the raster HTTP comparison (see above)")


if __name__ == "__main__":
    main()
