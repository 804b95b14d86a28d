"""Tiles: the XYZ grid, vector tiles (MVT) and HTTP caching. See docs/tiles.md."""
