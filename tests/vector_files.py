"""Writers of real vector files for tests (through GDAL, like a GIS would)."""

import zipfile
from pathlib import Path

from osgeo import ogr, osr

ogr.UseExceptions()


def write_vector(path: Path, driver: str, features: list[dict], *, epsg: int | None = 25833,
                 fields: tuple[str, ...] = ("GEN", "AGS", "ARS")) -> Path:
    """Write `features` ({"wkt": ..., **attributes}) with the given driver and CRS."""
    path = Path(path)
    ds = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    srs = None
    if epsg is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    layer = ds.CreateLayer("gemeinden", srs=srs, geom_type=ogr.wkbUnknown)
    for name in fields:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for item in features:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name in fields:
            if name in item:
                feature.SetField(name, item[name])
        feature.SetGeometry(ogr.CreateGeometryFromWkt(item["wkt"]))
        layer.CreateFeature(feature)
    ds = None
    return path


def zip_shapefile(shp: Path, destination: Path, *, drop: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(shp.parent.glob(shp.stem + ".*")):
            if part.suffix.lower() in drop or part == destination:
                continue
            archive.write(part, f"gemeinden/{part.name}")
    return destination


def rectangle_wkt(x: float, y: float, size: float = 1000.0) -> str:
    return (f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))")
