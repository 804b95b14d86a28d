"""Facts for the import report (the JSON of the import command), everything except the DB id.

    {"file", "xplan_version", "feature_counts", "plans": [{"class", "name", "number",
     "plan_art", "legal_status", "ags", "source_crs", "bbox", "bbox_wgs84", "area_m2",
     "external_references", "rasters"}], "warnings", "errors"}

bbox is the Geltungsbereich's extent in its source CRS; bbox_wgs84 the corners of that bbox
transformed to WGS84 (EPSG:4326, longitude first); area_m2 its planar area in
the source CRS when that is metric (UTM, Gauss-Krüger), else in ETRS89-LAEA (EPSG:3035).
"""

from django.contrib.gis.geos import GEOSGeometry
from osgeo import ogr

from gis.errors import InputError

from .crs import ETRS89_LAEA, WGS84, crs_label, is_geographic, spatial_reference, transformation
from .messages import Message, XPlanReadError
from .model import Plan, XPlanDocument


def reproject(geometry: GEOSGeometry, target: int) -> GEOSGeometry:
    """The geometry in another CRS (both in traditional GIS axis order)."""
    shape = ogr.CreateGeometryFromWkb(bytes(geometry.wkb))
    shape.Transform(transformation(geometry.srid, target))
    return GEOSGeometry(memoryview(shape.ExportToWkb()), srid=target)


def area_m2(geometry: GEOSGeometry | None) -> float | None:
    if geometry is None:
        return None
    srs = spatial_reference(geometry.srid)
    if srs is not None and not is_geographic(geometry.srid) and srs.GetLinearUnits() == 1.0:
        return round(geometry.area, 2)
    return round(reproject(geometry, ETRS89_LAEA).area, 2)


def bbox_wgs84(geometry: GEOSGeometry | None) -> list[float] | None:
    """The lower-left and upper-right corner of the source bbox, transformed to WGS84.

    This is the convention of the sample MANIFEST (and of most catalogues): cheap and stable.
    It can differ from the extent of the transformed geometry by the grid convergence (up to
    some 1e-4° for a plan of several km); use `reproject(area, 4326).extent` where the box
    must contain every point.
    """
    if geometry is None:
        return None
    min_x, min_y, max_x, max_y = geometry.extent
    if geometry.srid != WGS84:
        convert = transformation(geometry.srid, WGS84)
        min_x, min_y, _z = convert.TransformPoint(min_x, min_y)
        max_x, max_y, _z = convert.TransformPoint(max_x, max_y)
    return [round(value, 7) for value in (min_x, min_y, max_x, max_y)]


def plan_report(plan: Plan) -> dict:
    area = plan.area
    return {
        "class": plan.xplan_class,
        "name": plan.name,
        "number": plan.number,
        "plan_art": list(plan.plan_art),
        "legal_status": plan.legal_status,
        "ags": plan.ags,
        "source_crs": crs_label(area.srid) if area is not None else None,
        "bbox": list(area.extent) if area is not None else None,
        "bbox_wgs84": bbox_wgs84(area),
        "area_m2": area_m2(area),
        "external_references": [
            {"type": ref.type, "href": ref.href} for ref in plan.external_references
        ],
        "rasters": [
            {"href": raster.href, "georeferenced": raster.georeferenced} for raster in plan.rasters
        ],
    }


def build_import_report(document: XPlanDocument) -> dict:
    """The import report of one document without the database ids of the plans."""
    return {
        "file": document.source_name,
        "xplan_version": document.version,
        "feature_counts": dict(document.feature_counts),
        "plans": [plan_report(plan) for plan in document.plans],
        "warnings": [m.as_dict() for m in document.warnings],
        "errors": [m.as_dict() for m in document.errors],
    }


def build_failure_report(file_name: str, error: InputError) -> dict:
    """The report of a file that could not be read at all (same shape, no plans)."""
    if isinstance(error, XPlanReadError):
        message = error.as_message()
    else:
        message = Message("error", "input_error", error.message)
    return {
        "file": file_name,
        "xplan_version": None,
        "feature_counts": {},
        "plans": [],
        "warnings": [],
        "errors": [message.as_dict()],
    }
