"""GeoPackage of the statement locations with their decisions, in EPSG:25832."""

from pathlib import Path

from .rows import ExportScope
from .vector import write_scope

SUFFIX = ".gpkg"
CONTENT_TYPE = "application/geopackage+sqlite3"
SRID = 25832


def write(scope: ExportScope, path: Path, *, variant: str, progress=None) -> int:
    return write_scope(scope, path, driver_name="GPKG", srid=SRID, variant=variant,
                       progress=progress)
