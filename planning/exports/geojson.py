"""GeoJSON (RFC 7946) of the statement locations with their decisions, in EPSG:4326."""

from pathlib import Path

from gis.srid import WGS84

from .rows import ExportScope
from .vector import write_scope

SUFFIX = ".geojson"
CONTENT_TYPE = "application/geo+json"


def write(scope: ExportScope, path: Path, *, variant: str, progress=None) -> int:
    return write_scope(scope, path, driver_name="GeoJSON", srid=WGS84, variant=variant,
                       progress=progress, layer_options=["RFC7946=YES", "WRITE_NAME=NO"])
