"""ADR 0002: one GDAL (and one PROJ) per process, the system's, shared by GeoDjango and osgeo."""

import importlib.util
from pathlib import Path

from django.contrib.gis.gdal import GDAL_VERSION
from osgeo import gdal


def mapped_libraries(fragment: str) -> set[str]:
    lines = Path("/proc/self/maps").read_text().splitlines()
    return {line.split()[-1] for line in lines if fragment in line.rsplit("/", 1)[-1]}


def test_geodjango_and_osgeo_share_one_libgdal_and_one_libproj():
    from django.contrib.gis.gdal.libgdal import lgdal  # loads GeoDjango's libgdal

    assert lgdal is not None
    assert gdal.__version__ == ".".join(str(part) for part in GDAL_VERSION)
    assert len(mapped_libraries("libgdal")) == 1
    assert len(mapped_libraries("libproj")) == 1


def test_no_second_gdal_is_installed():
    assert importlib.util.find_spec("rasterio") is None
    assert importlib.util.find_spec("fiona") is None
