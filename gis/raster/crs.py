"""Coordinate reference systems of raster uploads, and footprints in other systems."""

import math

from django.utils.translation import gettext_lazy
from osgeo import osr

from ..srid import WEB_MERCATOR, WGS84

osr.UseExceptions()

#: The systems a user may choose for a PNG/JPEG with a world file (or a GeoTIFF without CRS).
SOURCE_SRID_CHOICES = (
    (25832, gettext_lazy("ETRS89 / UTM zone 32N (EPSG:25832)")),
    (25833, gettext_lazy("ETRS89 / UTM zone 33N (EPSG:25833)")),
    (31466, gettext_lazy("DHDN / Gauss-Krüger zone 2 (EPSG:31466)")),
    (31467, gettext_lazy("DHDN / Gauss-Krüger zone 3 (EPSG:31467)")),
    (31468, gettext_lazy("DHDN / Gauss-Krüger zone 4 (EPSG:31468)")),
    (31469, gettext_lazy("DHDN / Gauss-Krüger zone 5 (EPSG:31469)")),
    (WGS84, gettext_lazy("WGS 84, longitude/latitude in degrees (EPSG:4326)")),
    (WEB_MERCATOR, gettext_lazy("Web Mercator (EPSG:3857)")),
)
ALLOWED_SOURCE_SRIDS = frozenset(code for code, _label in SOURCE_SRID_CHOICES)

#: Points per footprint edge when transforming: edges of a reprojected rectangle curve.
EDGE_POINTS = 21

Bounds = tuple[float, float, float, float]
GeoTransform = tuple[float, float, float, float, float, float]


def spatial_reference(srid: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(srid)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def traditional(srs: osr.SpatialReference) -> osr.SpatialReference:
    srs = srs.Clone()
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def epsg_code(srs: osr.SpatialReference) -> int | None:
    """The EPSG code of a CRS, when it has (or clearly matches) one."""
    srs = srs.Clone()
    if srs.GetAuthorityName(None) == "EPSG" and srs.GetAuthorityCode(None):
        return int(srs.GetAuthorityCode(None))
    try:
        matches = srs.FindMatches()
    except RuntimeError:
        return None
    for candidate, confidence in matches:
        if confidence >= 90 and candidate.GetAuthorityName(None) == "EPSG":
            return int(candidate.GetAuthorityCode(None))
    return None


def describe(srs: osr.SpatialReference) -> str:
    code = epsg_code(srs)
    return f"EPSG:{code}" if code else (srs.GetName() or "unknown")


def pixel_to_world(geotransform: GeoTransform, col: float, row: float) -> tuple[float, float]:
    x0, a, b, y0, d, e = geotransform
    return (x0 + a * col + b * row, y0 + d * col + e * row)


def footprint_points(
    geotransform: GeoTransform, width: int, height: int
) -> list[tuple[float, float]]:
    """Points along the outline of the image (pixel corners), in the image's CRS."""
    steps = [i / (EDGE_POINTS - 1) for i in range(EDGE_POINTS)]
    outline = (
        [(t * width, 0.0) for t in steps]
        + [(width, t * height) for t in steps]
        + [((1 - t) * width, height) for t in steps]
        + [(0.0, (1 - t) * height) for t in steps]
    )
    return [pixel_to_world(geotransform, col, row) for col, row in outline]


def bounds_of(points: list[tuple[float, float]]) -> Bounds:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def transform_points(
    points: list[tuple[float, float]], source: osr.SpatialReference, target_srid: int
) -> list[tuple[float, float]]:
    """Transform points; raises ValueError when PROJ cannot transform them to finite values."""
    transform = osr.CoordinateTransformation(traditional(source), spatial_reference(target_srid))
    try:
        result = transform.TransformPoints([(x, y) for x, y in points])
    except RuntimeError as exc:
        raise ValueError(str(exc)) from exc
    out = [(p[0], p[1]) for p in result]
    if not all(math.isfinite(x) and math.isfinite(y) for x, y in out):
        raise ValueError("transformation gave non-finite coordinates")
    return out
