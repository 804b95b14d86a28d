"""Fixtures for the raster pipeline tests."""

import tempfile
from pathlib import Path

import pytest
from django.utils import translation

from gis.raster import tiles

from .helpers import Canary


@pytest.fixture
def canary():
    server = Canary()
    yield server
    server.close()


@pytest.fixture
def isolated_tmp(tmp_path, monkeypatch) -> Path:
    """A private system temp directory: tests assert nothing is left behind in it."""
    directory = tmp_path / "system-tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


@pytest.fixture(autouse=True)
def _fresh_tile_handles():
    yield
    tiles.clear_cache()


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the msgids); German is LANGUAGE_CODE's default."""
    with translation.override("en"):
        yield
