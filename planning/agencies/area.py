"""A responsibility area from an uploaded polygon file (GeoJSON, GeoPackage, zipped Shapefile,
KML), read through gis.vector_files with polygons only, in the storage SRID."""

import tempfile
from pathlib import Path, PurePath

from django.contrib.gis.geos import MultiPolygon
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.polygon_union import combine_polygons
from gis.srid import storage_srid
from gis.vector_files import read_vector_file

AREA_FILE_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".kml")
MAX_AREA_FILE_BYTES = 20 * 1024 * 1024
MAX_AREA_FEATURES = 10_000


def read_responsibility_area(upload) -> MultiPolygon:
    """The union of the polygons of the file's first layer. Raises InputError for the user."""
    name = upload.name or ""
    suffix = PurePath(name).suffix.lower()
    if suffix not in AREA_FILE_SUFFIXES:
        raise InputError(_(
            "“%(name)s” is not an accepted file for an area of responsibility; use GeoJSON, "
            "GeoPackage, a zipped Shapefile or KML."
        ) % {"name": name})
    if not upload.size:
        raise InputError(_("The file is empty."))
    if upload.size > MAX_AREA_FILE_BYTES:
        raise InputError(_("The file is %(size)d MB; at most %(max)d MB are allowed.") % {
            "size": upload.size // (1024 * 1024), "max": MAX_AREA_FILE_BYTES // (1024 * 1024)})
    with tempfile.TemporaryDirectory(prefix="agency-area-") as tmp:
        path = Path(tmp) / f"area{suffix}"  # a generated name, never the user's
        with open(path, "wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            data = read_vector_file(path, target_srid=storage_srid(), polygons_only=True,
                                    max_features=MAX_AREA_FEATURES)
        except InputError as exc:
            raise InputError(exc.message.replace(str(path), name), location=exc.location) from exc
    if not data.features:
        raise InputError(_("The file contains no features."))
    return combine_polygons([feature.geometry for feature in data.features], storage_srid())
