"""GeoTIFF -> Cloud Optimized GeoTIFF: the portal's pipeline against gdal_translate.

The bench draws an 8000 x 8000 RGB GeoTIFF (EPSG:25833, 0.5 m pixels, a plan-like picture of
flat coloured areas, lines and scanner noise; tiled, DEFLATE) with numpy and GDAL, and converts
it, in interleaved rounds (medians):

* `gdal_translate -of COG` with the creation options of gis/raster/cog.py's write_cog, once
  single-threaded (NUM_THREADS=1, GDAL_NUM_THREADS=1) and once with NUM_THREADS=ALL_CPUS and
  GDAL_NUM_THREADS=ALL_CPUS: the floor, one step, no checks, no sandbox;
* gis.raster.pipeline.convert_to_cog, the function uploads go through: the sandbox's process,
  the header checks, the decoded intermediate GeoTIFF, the COG, its checksum; with one thread
  and with the default (every core, up to gis.raster.limits.MAX_THREADS).

Ratios: pipeline 1 thread / gdal_translate 1 thread, and pipeline all cores / gdal_translate all
cores (issue #17's goal: <= 1.2). Needs no database. No assertions.

Run: make bench, or python -m bench.cog   (BENCH_COG_SIZE=2000 for a quick try)
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ._support import interleaved, report, setup_django

SIZE = int(os.environ.get("BENCH_COG_SIZE", "8000"))
ROUNDS = int(os.environ.get("BENCH_COG_ROUNDS", "3"))
ORIGIN = (411000.0, 5660000.0)  # Dresden, EPSG:25833
PIXEL = 0.5
STRIPE = 500  # rows drawn at a time (8000 x 500 x 3 bytes)


def make_source(path: Path, size: int = SIZE) -> Path:
    """A plan-like RGB picture: flat colour per area, dark lines, noise (scanned paper)."""
    import numpy as np
    from osgeo import gdal, osr

    gdal.UseExceptions()
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(path), size, size, 3, gdal.GDT_Byte,
        options=["TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=2", "PHOTOMETRIC=RGB",
                 "BIGTIFF=IF_SAFER"])
    dataset.SetGeoTransform((ORIGIN[0], PIXEL, 0.0, ORIGIN[1], 0.0, -PIXEL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25833)
    dataset.SetSpatialRef(srs)
    palette = np.array([[250, 248, 240], [230, 120, 110], [240, 200, 90], [150, 200, 130],
                        [140, 170, 220], [200, 160, 200], [245, 245, 245]], dtype=np.int16)
    rng = np.random.default_rng(17)
    columns = np.arange(size)
    for top in range(0, size, STRIPE):
        rows = np.arange(top, min(size, top + STRIPE))[:, None]
        area = ((columns[None, :] // 640) * 7 + (rows // 480) * 3
                + (columns[None, :] + rows) // 900) % len(palette)
        pixels = palette[area]  # (rows, size, 3)
        lines = ((columns[None, :] % 320) < 3) | ((rows % 250) < 2) | (
            np.abs((columns[None, :] - rows) % 700) < 2)
        pixels[lines] = (40, 40, 40)
        pixels += rng.integers(-6, 7, size=pixels.shape, dtype=np.int16)
        stripe = np.clip(pixels, 0, 255).astype(np.uint8)
        for band in range(3):
            # WriteRaster with bytes: the GDAL bindings here are built without gdal_array.
            dataset.GetRasterBand(band + 1).WriteRaster(
                0, top, size, len(rows), stripe[:, :, band].tobytes())
    dataset = None
    return path


def _creation_options(threads: str) -> list[str]:
    """write_cog's creation options for an RGB image with DEFLATE, with NUM_THREADS."""
    return ["TILING_SCHEME=GoogleMapsCompatible", "ZOOM_LEVEL_STRATEGY=AUTO",
            "WARP_RESAMPLING=BILINEAR", "OVERVIEW_RESAMPLING=AVERAGE", "ADD_ALPHA=YES",
            "SPARSE_OK=TRUE", "BIGTIFF=IF_SAFER", "COMPRESS=DEFLATE", "PREDICTOR=YES",
            "LEVEL=6", f"NUM_THREADS={threads}"]


def _gdal_translate(source: Path, target: Path, threads: str):
    command = ["gdal_translate", "-q", "-of", "COG", "--config", "GDAL_NUM_THREADS", threads]
    for option in _creation_options(threads):
        command += ["-co", option]
    command += [str(source), str(target)]

    def run():
        target.unlink(missing_ok=True)
        subprocess.run(command, check=True, capture_output=True, timeout=1800)
    return run


def _pipeline(source: Path, target: Path, threads: int):
    from gis.raster.limits import RasterLimits
    from gis.raster.pipeline import convert_to_cog

    def run():
        target.unlink(missing_ok=True)
        convert_to_cog(source, out_path=target, limits=RasterLimits(threads=threads))
    return run


def main() -> None:
    if shutil.which("gdal_translate") is None:
        print("skipped: gdal_translate (gdal-bin) is not installed")
        return
    setup_django()
    from gis.raster.limits import RasterLimits

    cores = RasterLimits().thread_count()
    with tempfile.TemporaryDirectory(prefix="bench-cog-") as tmp:
        work = Path(tmp)
        source = make_source(work / "plan.tif")
        floor_1, floor_all = "gdal_translate -of COG, 1 thread", "gdal_translate -of COG, ALL_CPUS"
        pipeline_1, pipeline_all = "convert_to_cog, 1 thread", f"convert_to_cog, {cores} threads"
        results = interleaved({
            floor_1: _gdal_translate(source, work / "floor1.tif", "1"),
            floor_all: _gdal_translate(source, work / "floor-all.tif", "ALL_CPUS"),
            pipeline_1: _pipeline(source, work / "cog1.tif", 1),
            pipeline_all: _pipeline(source, work / "cog-all.tif", 0),
        }, rounds=ROUNDS, warmup=0)
        megabytes = source.stat().st_size / 1e6
    title = (f"GeoTIFF {SIZE}x{SIZE} RGB ({megabytes:.0f} MB, DEFLATE) -> COG, {os.cpu_count()} "
             f"cores, medians of {ROUNDS} interleaved rounds")
    report(title, floor_1, results)
    print(f"convert_to_cog / gdal_translate, 1 thread:      {results[pipeline_1] / results[floor_1]:.2f}")
    print(f"convert_to_cog / gdal_translate, all cores:     "
          f"{results[pipeline_all] / results[floor_all]:.2f}")
    print(f"convert_to_cog all cores / 1 thread:            "
          f"{results[pipeline_all] / results[pipeline_1]:.2f}")


if __name__ == "__main__":
    main()
