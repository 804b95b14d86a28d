"""Writing the Cloud Optimized GeoTIFF: decode once into a georeferenced GeoTIFF, then warp into
the GoogleMapsCompatible grid with GDAL's COG driver.

Step 1 (`write_intermediate`) is the only step that decodes the untrusted file. It expands
palettes to gray/RGB/RGBA (a palette image warped as indices would mix colours), stretches
1-7-bit gray to 8 bits, drops the source's metadata (TIFF tags, XMP), and writes the georeference we determined.

Step 2 (`write_cog`) reprojects to EPSG:3857 at the zoom level closest to the source resolution
(ZOOM_LEVEL_STRATEGY=AUTO), aligned to the XYZ tile grid, with an alpha band so everything
outside the image is transparent, 256 px tiles, and overviews down to one tile, each one zoom
level coarser. Fully transparent tiles are not stored (SPARSE_OK).
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from osgeo import gdal

from . import webmercator
from .gdal_errors import gdal_errors
from .georef import Georeference
from .source import BandLayout

gdal.UseExceptions()

COMPRESSIONS = ("DEFLATE", "WEBP")


def write_intermediate(
    dataset: gdal.Dataset, layout: BandLayout, georef: Georeference, path: Path, *, threads: int = 1
) -> None:
    creation = ["TILED=YES", "COMPRESS=ZSTD", "ZSTD_LEVEL=1", "BIGTIFF=IF_SAFER",
                f"NUM_THREADS={threads}"]  # threads compress our output; decoding stays serial
    creation.append(
        "PHOTOMETRIC=RGB" if layout.kind in ("rgb", "rgba") else "PHOTOMETRIC=MINISBLACK"
    )
    if layout.has_alpha:
        creation.append("ALPHA=UNASSOCIATED")
    options = gdal.TranslateOptions(
        format="GTiff",
        bandList=layout.bands,
        rgbExpand=layout.expand,
        scaleParams=[[0, layout.scale_max, 0, 255]] if layout.scale_max else None,
        outputType=gdal.GDT_Byte,
        creationOptions=creation,
    )
    with (
        gdal_errors(
            _("The image data is damaged or incomplete; save the image again and upload it.")
        ),
        _fail_on_read_errors(),
    ):
        output = gdal.Translate(str(path), dataset, options=options)
        output.SetGeoTransform(georef.geotransform)
        output.SetSpatialRef(georef.srs)
        _drop_metadata(output)
        output.FlushCache()
        del output  # closing the dataset finishes the file


def _drop_metadata(dataset: gdal.Dataset) -> None:
    """Remove the source's metadata (TIFF tags like Artist, XMP, EXIF) from our copy."""
    for domain in dataset.GetMetadataDomainList() or []:
        if domain not in ("IMAGE_STRUCTURE", "DERIVED_SUBDATASETS"):
            dataset.SetMetadata({}, domain)


class _fail_on_read_errors:
    """Make GDAL warnings about unreadable data fail the step instead of leaving holes.

    Some drivers only warn about truncated data and return zeros for the rest; a plan with a
    missing lower half must not be published as if it were complete.
    """

    _SIGNS = ("truncat", "corrupt", "premature", "read error", "crc", "unexpected end")

    def __enter__(self):
        self.messages: list[str] = []

        def handler(level, _number, message):
            if level >= gdal.CE_Warning:
                self.messages.append(message)

        gdal.PushErrorHandler(handler)
        return self

    def __exit__(self, exc_type, exc, tb):
        gdal.PopErrorHandler()
        if exc_type is None:
            damaged = [m for m in self.messages if any(s in m.lower() for s in self._SIGNS)]
            if damaged:
                raise RuntimeError(damaged[0])
        return False


def write_cog(
    source: Path, path: Path, layout: BandLayout, compression: str, *, threads: int = 1
) -> list[str]:
    """Warp into the XYZ grid as a COG; return warnings (e.g. compression fallback).

    `threads` > 1: the COG driver compresses tiles and warps with that many threads
    (NUM_THREADS); the overviews use GDAL's pool, sized by GDAL_NUM_THREADS (the sandbox sets it).
    """
    warnings = []
    if compression == "WEBP" and layout.kind not in ("rgb", "rgba"):
        warnings.append(_("WebP compression needs a colour image; DEFLATE was used instead."))
        compression = "DEFLATE"
    creation = [
        "TILING_SCHEME=GoogleMapsCompatible",
        "ZOOM_LEVEL_STRATEGY=AUTO",
        "WARP_RESAMPLING=BILINEAR",
        "OVERVIEW_RESAMPLING=AVERAGE",
        "ADD_ALPHA=YES",
        "SPARSE_OK=TRUE",
        "BIGTIFF=IF_SAFER",
        f"NUM_THREADS={threads}",
    ]
    if compression == "WEBP":
        creation += ["COMPRESS=WEBP", "QUALITY=90"]
    else:
        creation += ["COMPRESS=DEFLATE", "PREDICTOR=YES", "LEVEL=6"]
    options = gdal.TranslateOptions(format="COG", creationOptions=creation)
    with gdal_errors(_("The image could not be converted for the map.")):
        output = gdal.Translate(str(path), str(source), options=options)
        del output  # closing the dataset finishes the file
    return warnings


@dataclass
class CogDescription:
    width: int
    height: int
    bands: int
    compression: str
    extent_3857: tuple[float, float, float, float]
    max_zoom: int
    min_zoom: int


def describe_cog(path: Path) -> CogDescription:
    dataset = gdal.OpenEx(str(path), gdal.OF_RASTER | gdal.OF_READONLY, allowed_drivers=["GTiff"])
    x0, res, _b, y0, _d, res_y = dataset.GetGeoTransform()
    width, height = dataset.RasterXSize, dataset.RasterYSize
    max_zoom = round(webmercator.zoom_for_resolution(res))
    overviews = dataset.GetRasterBand(1).GetOverviewCount()
    return CogDescription(
        width=width,
        height=height,
        bands=dataset.RasterCount,
        compression=dataset.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE") or "NONE",
        extent_3857=(x0, y0 + height * res_y, x0 + width * res, y0),
        max_zoom=max_zoom,
        min_zoom=max(0, max_zoom - overviews),
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()
