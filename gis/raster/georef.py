"""Where an uploaded image lies: its geotransform and CRS, and the checks on both.

A GeoTIFF brings its own georeference (a world file only fills in a missing one) and usually its
CRS; the user's choice of CRS is used only when the file has none. A PNG/JPEG is placed by its
world file, in the CRS the user chose from an allow-list. The footprint is then transformed to
WGS84 and Web Mercator; an image that cannot be transformed, or lies outside what a web map can
show, is refused here rather than producing an empty or absurd COG.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from osgeo import gdal, osr

from ..errors import InputError
from ..srid import WEB_MERCATOR, WGS84
from . import webmercator
from .crs import (
    ALLOWED_SOURCE_SRIDS,
    Bounds,
    GeoTransform,
    bounds_of,
    describe,
    epsg_code,
    footprint_points,
    pixel_to_world,
    spatial_reference,
    traditional,
    transform_points,
)
from .worldfile import WorldFile

#: Pixels smaller than about 1 cm (zoom 24) mean a world file in the wrong unit or CRS.
MAX_SOURCE_ZOOM = 24
#: Rough box around Germany (lon/lat) for a plausibility warning, not a refusal.
GERMANY = (5.0, 47.0, 16.0, 55.5)


@dataclass
class Georeference:
    geotransform: GeoTransform
    srs: osr.SpatialReference
    srid: int | None
    crs: str
    crs_source: str  # "file" or "chosen"
    georeference_source: str  # "file" or "world_file"
    bounds_source: Bounds = (0.0, 0.0, 0.0, 0.0)
    bounds_wgs84: Bounds = (0.0, 0.0, 0.0, 0.0)
    bounds_3857: Bounds = (0.0, 0.0, 0.0, 0.0)
    #: Size of one source pixel in Web Mercator metres, near the image centre.
    resolution_3857: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def rotated(self) -> bool:
        return self.geotransform[2] != 0.0 or self.geotransform[4] != 0.0


def _check_srid(srid: int | None) -> None:
    if srid is not None and srid not in ALLOWED_SOURCE_SRIDS:
        raise InputError(
            _(
                "The coordinate reference system EPSG:%(srid)s is not offered; choose one of %(choices)s."
            )
            % {
                "srid": srid,
                "choices": ", ".join(f"EPSG:{c}" for c in sorted(ALLOWED_SOURCE_SRIDS)),
            }
        )


def _missing_crs_error() -> InputError:
    return InputError(
        _(
            "The image declares no coordinate reference system. Choose the system its coordinates are in (for example EPSG:25832, ETRS89 / UTM zone 32N) and upload again."
        )
    )


def georeference(
    dataset: gdal.Dataset, *, file_type: str, world: WorldFile | None, srid: int | None
) -> Georeference:
    _check_srid(srid)
    warnings: list[str] = []
    if file_type == "geotiff":
        geotransform, source = _tiff_geotransform(dataset, world, warnings)
        srs = dataset.GetSpatialRef()
        if srs is not None and not srs.IsLocal():
            srs, crs_source = traditional(srs), "file"
        elif srid is not None:
            srs, crs_source = spatial_reference(srid), "chosen"
        else:
            raise _missing_crs_error()
    else:
        if world is None:
            raise InputError(
                _(
                    "A %(format)s image needs its world file (%(suffixes)s) to be placed on the map. Upload the image together with its world file, or use a GeoTIFF."
                )
                % {
                    "format": file_type.upper(),
                    "suffixes": ".pgw/.wld" if file_type == "png" else ".jgw/.wld",
                }
            )
        if srid is None:
            raise _missing_crs_error()
        geotransform, source = world.geotransform(), "world_file"
        srs, crs_source = spatial_reference(srid), "chosen"
    _check_geotransform(geotransform)
    result = Georeference(
        geotransform=geotransform,
        srs=srs,
        srid=epsg_code(srs),
        crs=describe(srs),
        crs_source=crs_source,
        georeference_source=source,
        warnings=warnings,
    )
    _place(result, dataset.RasterXSize, dataset.RasterYSize)
    return result


def _tiff_geotransform(dataset, world, warnings) -> tuple[GeoTransform, str]:
    geotransform = dataset.GetGeoTransform(can_return_null=True)
    if geotransform is not None and tuple(geotransform) != (0.0, 1.0, 0.0, 0.0, 0.0, 1.0):
        if world is not None:
            warnings.append(_("The GeoTIFF has its own georeference; the world file was ignored."))
        return tuple(geotransform), "file"
    if world is not None:
        return world.geotransform(), "world_file"
    if dataset.GetGCPCount() > 0:
        raise InputError(
            _(
                "The GeoTIFF is georeferenced by control points (GCPs) only, which is not supported. Rectify it first (for example gdalwarp) and upload the result."
            )
        )
    raise InputError(
        _(
            "The GeoTIFF has no georeference. Upload it together with its world file (.tfw), or save it with its position (GeoTIFF tags)."
        )
    )


def _check_geotransform(geotransform: GeoTransform) -> None:
    _x0, a, b, _y0, d, e = geotransform
    if not all(math.isfinite(v) for v in geotransform) or a * e - b * d == 0.0:
        raise InputError(
            _("The image's georeference is invalid (its pixel size is zero or not a number).")
        )


def _place(georef: Georeference, width: int, height: int) -> None:
    """Footprint in the source CRS, WGS84 and Web Mercator; pixel size; plausibility."""
    outline = footprint_points(georef.geotransform, width, height)
    georef.bounds_source = bounds_of(outline)
    try:
        lonlat = transform_points(outline, georef.srs, WGS84)
    except ValueError as exc:
        raise InputError(
            _(
                "The image's coordinates cannot be converted from %(crs)s; check that the coordinate system fits the coordinates (world file or GeoTIFF)."
            )
            % {"crs": georef.crs}
        ) from exc
    georef.bounds_wgs84 = bounds_of(lonlat)
    min_lon, min_lat, max_lon, max_lat = georef.bounds_wgs84
    limit = webmercator.MAX_LATITUDE
    if min_lon < -180 or max_lon > 180 or min_lat < -limit or max_lat > limit:
        raise InputError(
            _(
                "With %(crs)s, the image would lie outside the area a web map can show (longitude %(lon).1f, latitude %(lat).1f). Check the coordinate system and the world file."
            )
            % {"crs": georef.crs, "lon": (min_lon + max_lon) / 2, "lat": (min_lat + max_lat) / 2}
        )
    georef.bounds_3857 = bounds_of(transform_points(outline, georef.srs, WEB_MERCATOR))
    georef.resolution_3857 = _resolution_3857(georef, width, height)
    if webmercator.zoom_for_resolution(georef.resolution_3857) > MAX_SOURCE_ZOOM:
        raise InputError(
            _(
                "The image's pixels would be smaller than a centimetre on the ground; the world file's numbers are probably in another unit or coordinate system."
            )
        )
    west, south, east, north = GERMANY
    if max_lon < west or min_lon > east or max_lat < south or min_lat > north:
        georef.warnings.append(
            _(
                "The image lies outside Germany (around longitude %(lon).3f, latitude %(lat).3f); check the coordinate system chosen."
            )
            % {"lon": (min_lon + max_lon) / 2, "lat": (min_lat + max_lat) / 2}
        )


def _resolution_3857(georef: Georeference, width: int, height: int) -> float:
    col, row = width / 2, height / 2
    centre, right, below = transform_points(
        [
            pixel_to_world(georef.geotransform, col, row),
            pixel_to_world(georef.geotransform, col + 1, row),
            pixel_to_world(georef.geotransform, col, row + 1),
        ],
        georef.srs,
        WEB_MERCATOR,
    )
    return (math.dist(centre, right) + math.dist(centre, below)) / 2
