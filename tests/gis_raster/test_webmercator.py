"""The XYZ grid: tile bounds, y from the top, tile ranges."""

import pytest

from gis.raster.webmercator import (
    ORIGIN,
    resolution,
    tile_bounds,
    tile_range,
    tiles_covering,
    zoom_for_resolution,
)


def test_zoom_zero_is_the_whole_square():
    assert tile_bounds(0, 0, 0) == pytest.approx((-ORIGIN, -ORIGIN, ORIGIN, ORIGIN))


def test_y_counts_from_the_top():
    minx, miny, maxx, maxy = tile_bounds(1, 0, 0)
    assert (minx, maxy) == pytest.approx((-ORIGIN, ORIGIN))
    assert miny == pytest.approx(0.0)
    assert tile_bounds(1, 1, 1) == pytest.approx((0.0, -ORIGIN, ORIGIN, 0.0))


def test_invalid_tiles_are_refused():
    for z, x, y in ((-1, 0, 0), (2, 4, 0), (2, 0, -1), (31, 0, 0)):
        with pytest.raises(ValueError):
            tile_bounds(z, x, y)


def test_tile_range_of_a_tile_is_that_tile():
    bounds = tile_bounds(12, 2200, 1343)
    assert tile_range(bounds, 12) == (2200, 1343, 2200, 1343)
    assert tile_range(bounds, 13) == (4400, 2686, 4401, 2687)
    assert list(tiles_covering(bounds, 13)) == [
        (13, 4400, 2686),
        (13, 4401, 2686),
        (13, 4400, 2687),
        (13, 4401, 2687),
    ]


def test_tile_range_is_clipped_to_the_square():
    assert tile_range((-1e9, -1e9, 1e9, 1e9), 2) == (0, 0, 3, 3)
    assert tile_range((3e7, 0, 4e7, 1), 2) is None


def test_resolution_and_zoom_are_inverse():
    assert resolution(0) == pytest.approx(156543.03392804097)
    assert zoom_for_resolution(resolution(18)) == pytest.approx(18)
