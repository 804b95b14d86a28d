"""Statement locations with their decisions as a GIS layer, written through GDAL/OGR.

One feature per statement that has a location (statements without one are left out; the
spreadsheets list them all). Geometries are reprojected in SQL to the target CRS and written
in traditional GIS axis order (x = easting/longitude). Attributes: number, reference, received,
phase, decision, decision_label, reasoning, plan_change, topics, group, statement (text);
public exports add `submitter` (the number), internal exports the six personal-data fields.
"""

from collections.abc import Iterable
from pathlib import Path

from django.utils.translation import gettext as _
from osgeo import gdal, ogr, osr

from ..models.export_job import ExportVariant
from .rows import Entry, ExportError, ExportScope, build_entries
from .submitters import PERSONAL_FIELDS

gdal.UseExceptions()

LAYER_NAME = "statements"
COMMON_FIELDS = ("number", "reference", "received", "phase", "decision", "decision_label",
                 "reasoning", "plan_change", "topics", "group", "statement")


def field_names(variant: str) -> tuple[str, ...]:
    extra = PERSONAL_FIELDS if variant == ExportVariant.INTERNAL else ("submitter",)
    return (*COMMON_FIELDS, *extra)


def _srs(srid: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(srid)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _values(entry: Entry, variant: str) -> dict[str, object]:
    values = {
        "number": entry.number,
        "reference": entry.reference,
        "received": entry.received_at.strftime("%Y-%m-%dT%H:%M:%S"),
        "phase": entry.phase,
        "decision": entry.decision,
        "decision_label": entry.decision_label,
        "reasoning": entry.reasoning,
        "plan_change": entry.plan_change,
        "topics": "; ".join(entry.topics),
        "group": entry.group_title,
        "statement": "\n\n".join(part.text for part in entry.parts),
    }
    if variant == ExportVariant.INTERNAL and entry.personal is not None:
        values.update(entry.personal)
    else:
        values["submitter"] = entry.submitter
    return values


def write_layer(entries: Iterable[Entry], path: Path, *, driver_name: str, srid: int,
                variant: str, layer_options: list[str] | None = None) -> int:
    driver = ogr.GetDriverByName(driver_name)
    if driver is None:
        raise ExportError(_("GDAL cannot write %(format)s here.") % {"format": driver_name})
    dataset = driver.CreateDataSource(str(path))
    try:
        layer = dataset.CreateLayer(LAYER_NAME, _srs(srid), ogr.wkbUnknown,
                                    options=layer_options or [])
        for name in field_names(variant):
            layer.CreateField(ogr.FieldDefn(name, ogr.OFTInteger if name == "number"
                                            else ogr.OFTString))
        definition = layer.GetLayerDefn()
        count = 0
        layer.StartTransaction()
        for entry in entries:
            if entry.geometry is None:
                continue
            feature = ogr.Feature(definition)
            for name, value in _values(entry, variant).items():
                feature.SetField(name, value)
            feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(entry.geometry.wkb)))
            layer.CreateFeature(feature)
            count += 1
        layer.CommitTransaction()
    finally:
        del dataset  # closes and flushes the file
    return count


def write_scope(scope: ExportScope, path: Path, *, driver_name: str, srid: int, variant: str,
                progress=None, layer_options: list[str] | None = None) -> int:
    entries = build_entries(scope, variant=variant, geometry_srid=srid, location_text=False,
                            progress=progress)
    return write_layer(entries, path, driver_name=driver_name, srid=srid, variant=variant,
                       layer_options=layer_options)
