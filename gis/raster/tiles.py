"""XYZ tiles from our own COGs (trusted files, read in the web process).

    render_tile(cog_path, z, x, y, size=256) -> PNG bytes | None

The COGs written by gis.raster.cog are in the GoogleMapsCompatible grid: at the COG's own zoom
level (max_zoom) every XYZ tile is exactly one 256 x 256 block, and overview k is zoom
max_zoom - k on the same origin. A tile therefore maps to an integer pixel window of one
overview level, read directly (one to four compressed blocks, no warping, no resampling) and
encoded as an RGBA PNG. Only outside the stored levels (zoomed in beyond max_zoom, or out below
the coarsest overview) does GDAL resample the window to the tile size.

Datasets are opened once per thread and level and reused (GDAL handles are not thread-safe);
a replaced file (new inode, size or mtime) is reopened.
"""

import io
import os
import threading
from collections import OrderedDict
from pathlib import Path

from osgeo import gdal
from PIL import Image

from . import webmercator
from .webmercator import tile_bounds, tile_range, tiles_covering

gdal.UseExceptions()

#: Open dataset handles kept per thread.
MAX_OPEN_HANDLES = 32
#: zlib level of the PNGs: on plan scans 1 is ~1.5x faster than 6 and ~8 % larger (bench/raster_tiles.py).
PNG_COMPRESS_LEVEL = 1
_EPSILON = 1e-6

_local = threading.local()


def _handles() -> OrderedDict:
    if not hasattr(_local, "handles"):
        _local.handles = OrderedDict()
    return _local.handles


def _open_level(path: str, identity: tuple, level: int) -> gdal.Dataset:
    """Level 0: the full-resolution COG; level k > 0: its (k-1)-th overview as a dataset."""
    handles = _handles()
    key = (path, identity, level)
    dataset = handles.get(key)
    if dataset is not None:
        handles.move_to_end(key)
        return dataset
    open_options = [f"OVERVIEW_LEVEL={level - 1}"] if level > 0 else []
    dataset = gdal.OpenEx(
        path,
        gdal.OF_RASTER | gdal.OF_READONLY,
        allowed_drivers=["GTiff"],
        open_options=open_options,
    )
    handles[key] = dataset
    while len(handles) > MAX_OPEN_HANDLES:
        handles.popitem(last=False)
    return dataset


def clear_cache() -> None:
    """Close this thread's open datasets (tests, or after deleting COGs)."""
    _handles().clear()


class _Cog:
    """The geometry of one COG: geotransform, level sizes, band roles."""

    def __init__(self, path: str) -> None:
        stat = os.stat(path)
        self.path = path
        self.identity = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        base = _open_level(path, self.identity, 0)
        self.origin_x, self.res_x, _b, self.origin_y, _d, res_y = base.GetGeoTransform()
        self.res_y = -res_y
        self.width, self.height = base.RasterXSize, base.RasterYSize
        first = base.GetRasterBand(1)
        self.level_sizes = [(self.width, self.height)] + [
            (first.GetOverview(i).XSize, first.GetOverview(i).YSize)
            for i in range(first.GetOverviewCount())
        ]
        self.band_count = base.RasterCount
        last = base.GetRasterBand(self.band_count)
        self.has_alpha = last.GetColorInterpretation() == gdal.GCI_AlphaBand

    def extent(self) -> tuple[float, float, float, float]:
        return (
            self.origin_x,
            self.origin_y - self.height * self.res_y,
            self.origin_x + self.width * self.res_x,
            self.origin_y,
        )

    def level_for(self, target_resolution: float) -> int:
        """The coarsest level whose pixels are not larger than the tile's pixels."""
        best = 0
        for level, (width, _height) in enumerate(self.level_sizes):
            if self.res_x * self.width / width <= target_resolution * (1 + _EPSILON):
                best = level
        return best

    def dataset(self, level: int) -> gdal.Dataset:
        return _open_level(self.path, self.identity, level)


def _snap(value: float) -> float:
    nearest = round(value)
    return float(nearest) if abs(value - nearest) < 1e-6 else value


def render_tile(cog_path: str | Path, z: int, x: int, y: int, *, size: int = 256) -> bytes | None:
    """The PNG (RGBA, transparent outside the image) of tile z/x/y, or None when the tile shows
    nothing of the image (outside its extent, fully transparent, or not a valid tile)."""
    if not webmercator.is_valid_tile(z, x, y) or not 16 <= size <= 1024:
        return None
    cog = _Cog(str(cog_path))
    minx, miny, maxx, maxy = tile_bounds(z, x, y)
    ext_minx, ext_miny, ext_maxx, ext_maxy = cog.extent()
    if minx >= ext_maxx or maxx <= ext_minx or miny >= ext_maxy or maxy <= ext_miny:
        return None

    level = cog.level_for((maxx - minx) / size)
    level_width, level_height = cog.level_sizes[level]
    scale_x = cog.width / level_width  # level pixel size in base pixels
    scale_y = cog.height / level_height
    # The tile's window in this level's pixel coordinates (integers at stored zoom levels).
    win_x0 = _snap((minx - cog.origin_x) / (cog.res_x * scale_x))
    win_x1 = _snap((maxx - cog.origin_x) / (cog.res_x * scale_x))
    win_y0 = _snap((cog.origin_y - maxy) / (cog.res_y * scale_y))
    win_y1 = _snap((cog.origin_y - miny) / (cog.res_y * scale_y))
    # Clipped to the level; where that part lands in the tile.
    read_x0, read_x1 = max(win_x0, 0.0), min(win_x1, float(level_width))
    read_y0, read_y1 = max(win_y0, 0.0), min(win_y1, float(level_height))
    per_px_x = size / (win_x1 - win_x0)
    per_px_y = size / (win_y1 - win_y0)
    dest_x0 = round((read_x0 - win_x0) * per_px_x)
    dest_x1 = round((read_x1 - win_x0) * per_px_x)
    dest_y0 = round((read_y0 - win_y0) * per_px_y)
    dest_y1 = round((read_y1 - win_y0) * per_px_y)
    if dest_x1 <= dest_x0 or dest_y1 <= dest_y0:
        return None

    image = _read(
        cog, level, (read_x0, read_y0, read_x1, read_y1), (dest_x1 - dest_x0, dest_y1 - dest_y0)
    )
    if image is None:
        return None
    if image.size != (size, size):
        tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        tile.paste(image, (dest_x0, dest_y0))
        image = tile
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def _read(cog: _Cog, level: int, window, buffer_size) -> Image.Image | None:
    """Read the window as an RGBA image; None when it is fully transparent."""
    x0, y0, x1, y1 = window
    width, height = buffer_size
    if (x1 - x0, y1 - y0) == (width, height):
        resampling = gdal.GRIORA_NearestNeighbour  # a plain copy of stored pixels
    elif (x1 - x0) > width:
        resampling = gdal.GRIORA_Average
    else:
        resampling = gdal.GRIORA_Bilinear
    dataset = cog.dataset(level)
    bands = cog.band_count
    data = dataset.ReadRaster(
        x0,
        y0,
        x1 - x0,
        y1 - y0,
        buf_xsize=width,
        buf_ysize=height,
        buf_type=gdal.GDT_Byte,
        band_list=list(range(1, bands + 1)),
        buf_pixel_space=bands,
        buf_line_space=bands * width,
        buf_band_space=1,
        resample_alg=resampling,
    )
    mode = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}[bands]
    image = Image.frombuffer(mode, (width, height), data, "raw", mode, 0, 1)
    if cog.has_alpha:
        alpha = data[bands - 1 :: bands]
        if alpha.count(0) == len(alpha):
            return None
        return image if mode == "RGBA" else image.convert("RGBA")
    mask = (
        dataset.GetRasterBand(1)
        .GetMaskBand()
        .ReadRaster(
            x0, y0, x1 - x0, y1 - y0, buf_xsize=width, buf_ysize=height, resample_alg=resampling
        )
    )
    if mask.count(0) == len(mask):
        return None
    image = image.convert("RGBA")
    image.putalpha(Image.frombuffer("L", (width, height), mask, "raw", "L", 0, 1))
    return image


def zoom_range(cog_path: str | Path) -> tuple[int, int]:
    """(min_zoom, max_zoom) of a COG: its coarsest overview's zoom and its own zoom."""
    cog = _Cog(str(cog_path))
    max_zoom = round(webmercator.zoom_for_resolution(cog.res_x))
    overviews = len(cog.level_sizes) - 1
    return max(0, max_zoom - overviews), max_zoom


__all__ = [
    "clear_cache",
    "render_tile",
    "tile_bounds",
    "tile_range",
    "tiles_covering",
    "zoom_range",
]
