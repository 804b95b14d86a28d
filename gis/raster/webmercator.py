"""The XYZ ("slippy map") tile grid on EPSG:3857, the GoogleMapsCompatible tiling scheme.

Zoom z has 2**z x 2**z tiles of 256 x 256 pixels; x grows eastwards and y southwards from the
north-west corner (-ORIGIN, +ORIGIN). GDAL's COG driver with TILING_SCHEME=GoogleMapsCompatible
writes exactly this grid, so tiles and COG blocks coincide at the COG's own zoom level.
"""

import math

TILE_SIZE = 256
#: Half the width of the Web Mercator square, in metres (pi * WGS84 semi-major axis).
ORIGIN = math.pi * 6378137.0
WORLD_SIZE = 2 * ORIGIN
#: Web Mercator is defined up to this latitude (the square's edge).
MAX_LATITUDE = 85.0511287798066
#: Deepest zoom level we accept in requests (about 2 cm per pixel at the equator).
MAX_ZOOM = 30


def resolution(z: int, tile_size: int = TILE_SIZE) -> float:
    """Metres (of Web Mercator) per pixel at zoom z."""
    return WORLD_SIZE / (tile_size * 2**z)


def zoom_for_resolution(metres_per_pixel: float, tile_size: int = TILE_SIZE) -> float:
    """The (fractional) zoom level whose pixels have this size; inverse of `resolution`."""
    return math.log2(WORLD_SIZE / (tile_size * metres_per_pixel))


def is_valid_tile(z: int, x: int, y: int) -> bool:
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2**z and 0 <= y < 2**z


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of tile z/x/y in EPSG:3857 metres."""
    if not is_valid_tile(z, x, y):
        raise ValueError(f"no tile {z}/{x}/{y} in the XYZ grid")
    span = WORLD_SIZE / 2**z
    minx = -ORIGIN + x * span
    maxy = ORIGIN - y * span
    return (minx, maxy - span, minx + span, maxy)


def tile_range(
    bounds: tuple[float, float, float, float], z: int
) -> tuple[int, int, int, int] | None:
    """(xmin, ymin, xmax, ymax), inclusive, of the tiles at zoom z that overlap `bounds`.

    `bounds` is (minx, miny, maxx, maxy) in EPSG:3857; parts outside the square are ignored.
    Tiles that only touch the bounds along an edge are not included. None when nothing of the
    square is covered.
    """
    if not 0 <= z <= MAX_ZOOM:
        raise ValueError(f"zoom {z} is outside 0..{MAX_ZOOM}")
    minx, miny, maxx, maxy = (
        max(bounds[0], -ORIGIN),
        max(bounds[1], -ORIGIN),
        min(bounds[2], ORIGIN),
        min(bounds[3], ORIGIN),
    )
    if minx >= maxx or miny >= maxy:
        return None
    count = 2**z
    span = WORLD_SIZE / count

    def first(value: float) -> int:
        return min(count - 1, max(0, math.floor(value / span)))

    def last(value: float) -> int:
        return min(count - 1, max(0, math.ceil(value / span) - 1))

    return (
        first(minx + ORIGIN),
        first(ORIGIN - maxy),
        last(maxx + ORIGIN),
        last(ORIGIN - miny),
    )


def tiles_covering(bounds: tuple[float, float, float, float], z: int):
    """Yield (z, x, y) of every tile at zoom z overlapping `bounds` (EPSG:3857)."""
    extent = tile_range(bounds, z)
    if extent is None:
        return
    xmin, ymin, xmax, ymax = extent
    for y in range(ymin, ymax + 1):
        for x in range(xmin, xmax + 1):
            yield z, x, y
