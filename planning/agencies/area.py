"""A responsibility area from an uploaded polygon file (GeoJSON, GeoPackage, zipped Shapefile,
KML), read through gis.vector_files with polygons only, in the storage SRID."""

import tempfile
from pathlib import Path, PurePath

from django.contrib.gis.geos import GeometryCollection, GEOSException, MultiPolygon
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.srid import storage_srid
from gis.vector_files import read_vector_file

AREA_FILE_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".kml")
MAX_AREA_FILE_BYTES = 20 * 1024 * 1024
MAX_AREA_FEATURES = 10_000


def _union(polygons: list, srid: int) -> MultiPolygon:
    parts = []
    for geometry in polygons:
        parts.extend(geometry if isinstance(geometry, MultiPolygon) else [geometry])
    union = GeometryCollection(parts, srid=srid).unary_union
    union.srid = srid
    return union if isinstance(union, MultiPolygon) else MultiPolygon(union, srid=srid)


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
    try:
        return _union([feature.geometry for feature in data.features], storage_srid())
    except GEOSException as exc:
        raise InputError(_("The areas in the file cannot be combined: %(reason)s")
                         % {"reason": str(exc)}) from exc
