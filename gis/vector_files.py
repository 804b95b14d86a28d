"""Reading vector files (GeoJSON, GeoPackage, zipped Shapefile, KML) through GDAL.

The pipeline of STYLE.md §8: open read-only with an allow-listed driver, require a known CRS,
reproject to the storage SRID (traditional GIS axis order on both sides), drop heights, check
that every geometry is bounded, repair the invalid ones in bounded time (all together, in the
sandbox with a CPU limit: gis.geometry_repair), and report what was done. Nothing is written
here; callers load the result in one transaction.
"""

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.utils.translation import gettext as _
from osgeo import gdal, ogr, osr

from .archives import ArchiveLimits, safe_extract
from .errors import InputError, without_paths
from .geometry import RepairOutcome, repair_geometries
from .geometry_guard import check_untrusted_geometry

gdal.UseExceptions()

#: Driver allow-list by file suffix. Anything else is refused before GDAL sees it.
VECTOR_DRIVERS = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".gpkg": "GPKG",
    ".shp": "ESRI Shapefile",
    ".kml": "KML",
    ".gpx": "GPX",
}
#: Positions one feature may have (a detailed municipal boundary has some 10,000).
MAX_FEATURE_VERTICES = 1_000_000
SHAPEFILE_SUFFIXES = frozenset(
    {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".xml", ".qmd"}
)


@dataclass
class VectorFeature:
    index: int
    attributes: dict
    geometry: GEOSGeometry
    repair: RepairOutcome | None = None


@dataclass
class VectorLayer:
    name: str
    driver: str
    source_crs: str
    fields: list[str]
    features: list[VectorFeature] = field(default_factory=list)

    @property
    def repaired(self) -> list[VectorFeature]:
        return [f for f in self.features if f.repair is not None]


def describe_crs(srs: osr.SpatialReference) -> str:
    srs = srs.Clone()
    if srs.AutoIdentifyEPSG() == 0 or srs.GetAuthorityCode(None):
        authority, code = srs.GetAuthorityName(None), srs.GetAuthorityCode(None)
        if authority and code:
            return f"{authority}:{code}"
    return srs.GetName() or "unknown"


def _target_srs(srid: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(srid)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _open(path: Path) -> tuple[gdal.Dataset, str]:
    driver = VECTOR_DRIVERS.get(path.suffix.lower())
    if driver is None:
        raise InputError(
            _("Files of type “%(suffix)s” are not accepted; use GeoJSON, GeoPackage, a zipped Shapefile or KML.")
            % {"suffix": path.suffix or "?"}
        )
    try:
        dataset = gdal.OpenEx(
            str(path), gdal.OF_VECTOR | gdal.OF_READONLY, allowed_drivers=[driver]
        )
    except RuntimeError as exc:
        raise InputError(
            _("The file cannot be read as %(driver)s: %(reason)s")
            % {"driver": driver, "reason": without_paths(exc)}
        ) from exc
    if dataset is None:
        raise InputError(_("The file cannot be read as %(driver)s.") % {"driver": driver})
    return dataset, driver


def _single_shapefile(extracted: dict[str, Path]) -> Path:
    shapefiles = [p for p in extracted.values() if p.suffix.lower() == ".shp"]
    if not shapefiles:
        raise InputError(_("The zip archive contains no Shapefile (.shp)."))
    if len(shapefiles) > 1:
        raise InputError(
            _("The zip archive contains %(count)d Shapefiles; upload one layer per archive.")
            % {"count": len(shapefiles)}
        )
    shp = shapefiles[0]
    for required in (".shx", ".dbf"):
        if not shp.with_suffix(required).exists() and not shp.with_suffix(required.upper()).exists():
            raise InputError(
                _("The Shapefile “%(name)s” lacks its %(part)s file.")
                % {"name": shp.name, "part": required}
            )
    return shp


def read_vector_file(
    path: Path,
    *,
    target_srid: int,
    required_fields: tuple[str, ...] = (),
    polygons_only: bool = False,
    max_features: int = 200_000,
    layer_name: str | None = None,
) -> VectorLayer:
    """Read the first layer of a vector file (or the layer `layer_name`, e.g. GPX "tracks"),
    reprojected and repaired.

    Raises InputError with a specific message for anything that cannot be read faithfully.
    """
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="vector-") as tmp:
            extracted = safe_extract(
                path, Path(tmp), ArchiveLimits(allowed_suffixes=SHAPEFILE_SUFFIXES)
            )
            return read_vector_file(
                _single_shapefile(extracted),
                target_srid=target_srid,
                required_fields=required_fields,
                polygons_only=polygons_only,
                max_features=max_features,
                layer_name=layer_name,
            )
    if not path.exists():
        raise InputError(_("The file “%(name)s” does not exist.") % {"name": path.name})

    dataset, driver = _open(path)
    if dataset.GetLayerCount() < 1:
        raise InputError(_("The file contains no layer."))
    layer = dataset.GetLayer(0) if layer_name is None else dataset.GetLayerByName(layer_name)
    if layer is None:
        raise InputError(_("The file has no layer “%(name)s”.") % {"name": layer_name})
    source_srs = layer.GetSpatialRef()
    if source_srs is None:
        raise InputError(
            _("The file declares no coordinate reference system (CRS). Add one (e.g. a .prj file) and upload again.")
        )
    source_srs = source_srs.Clone()
    source_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    try:
        transform = osr.CoordinateTransformation(source_srs, _target_srs(target_srid))
    except RuntimeError as exc:
        raise InputError(
            _("The coordinate reference system of the file is unknown or cannot be converted: %(reason)s")
            % {"reason": without_paths(exc)}
        ) from exc

    definition = layer.GetLayerDefn()
    fields = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    missing = [name for name in required_fields if name not in fields]
    if missing:
        raise InputError(
            _("The file lacks the field(s) %(missing)s. Fields present: %(present)s.")
            % {"missing": ", ".join(missing), "present": ", ".join(fields) or "-"}
        )
    count = layer.GetFeatureCount()
    if count > max_features:
        raise InputError(
            _("The file has %(count)d features; at most %(max)d are allowed.")
            % {"count": count, "max": max_features}
        )

    result = VectorLayer(
        name=layer.GetName(), driver=driver, source_crs=describe_crs(source_srs), fields=fields
    )
    read = [_convert(feature, index, transform, target_srid, fields)
            for index, feature in enumerate(_features(layer), start=1)]
    # All invalid geometries are repaired together, in the sandbox with a CPU limit.
    checked = repair_geometries([item.geometry for item in read], polygons_only=polygons_only,
                                locations=[_location(item.index) for item in read])
    for item, (geometry, repair) in zip(read, checked, strict=True):
        item.geometry, item.repair = geometry, repair
    result.features = read
    return result


def _features(layer: ogr.Layer) -> Iterator[ogr.Feature]:
    layer.ResetReading()
    while (feature := layer.GetNextFeature()) is not None:
        yield feature


def _location(index: int) -> str:
    return _("feature %(index)d") % {"index": index}


def _convert(feature, index, transform, target_srid, fields) -> VectorFeature:
    location = _location(index)
    ogr_geometry = feature.GetGeometryRef()
    if ogr_geometry is None or ogr_geometry.IsEmpty():
        raise InputError(_("The feature has no geometry."), location=location)
    ogr_geometry = ogr_geometry.Clone()
    # Heights (KML writes 0 for every point) are dropped deliberately: layers are 2D.
    ogr_geometry.FlattenTo2D()
    try:
        ogr_geometry.Transform(transform)
    except RuntimeError as exc:
        raise InputError(
            _("The geometry cannot be reprojected: %(reason)s") % {"reason": without_paths(exc)},
            location=location,
        ) from exc
    try:
        geometry = GEOSGeometry(memoryview(ogr_geometry.ExportToIsoWkb()), srid=target_srid)
    except (GEOSException, ValueError) as exc:
        raise InputError(_("The geometry is unreadable."), location=location) from exc
    geometry.srid = target_srid
    check_untrusted_geometry(geometry, max_vertices=MAX_FEATURE_VERTICES, location=location)
    attributes = {name: _json_value(feature.GetField(name)) for name in fields}
    return VectorFeature(index=index, attributes=attributes, geometry=geometry)


def _json_value(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
