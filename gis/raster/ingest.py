"""Convert an uploaded plan image into a Cloud Optimized GeoTIFF (runs inside gis.sandbox).

    make_cog(source, out_path=..., world_file=None, srid=None, ...) -> dict

The steps, each refusing bad input with a specific InputError:

1. declared type from the file name; file size; content sniffed from the first bytes;
2. world file parsed (when given);
3. opened with exactly one GDAL driver (GTiff, PNG or JPEG);
4. dimensions, bands, pixel type, block size and codec checked from the header, before any
   pixel is decoded;
5. georeference and CRS determined and the footprint placed (WGS84, Web Mercator);
6. decoded once into a georeferenced intermediate GeoTIFF (palettes expanded);
7. warped into the GoogleMapsCompatible grid as a COG with alpha and overviews;
8. moved into place atomically; its size and SHA-256 reported.

Intermediate files live in a private temporary directory that is always removed; the output
appears at `out_path` only when everything succeeded. Callers in the web/task process use
gis.raster.pipeline.convert_to_cog, which runs this in the sandbox.
"""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from ..errors import InputError
from .cog import COMPRESSIONS, describe_cog, sha256_of, write_cog, write_intermediate
from .georef import georeference
from .limits import RasterLimits
from .sniff import RASTER_TYPES, check_content, declared_type
from .source import band_layout, check_limits, open_untrusted
from .worldfile import read_world_file


def make_cog(
    source: str,
    *,
    out_path: str,
    world_file: str | None = None,
    srid: int | None = None,
    file_type: str | None = None,
    display_name: str | None = None,
    compression: str = "DEFLATE",
    limits: dict | None = None,
) -> dict:
    """Convert `source` into a COG at `out_path`; return what the caller needs to know.

    `file_type` ("geotiff", "png", "jpeg") defaults to what the suffix of `display_name` (the
    user's file name) or of `source` declares. `srid` is the user's choice of CRS, one of
    gis.raster.crs.ALLOWED_SOURCE_SRIDS; a GeoTIFF's own CRS takes precedence. `limits` is a
    RasterLimits as a dict (JSON crosses the sandbox boundary).
    """
    source_path, output = Path(source), Path(out_path)
    checked = RasterLimits.from_dict(limits)
    if compression not in COMPRESSIONS:
        raise ValueError(f"compression must be one of {COMPRESSIONS}")
    file_type = file_type or declared_type(display_name or source_path.name)
    if file_type not in RASTER_TYPES:
        raise ValueError(f"unknown raster type {file_type!r}")
    _check_file_size(source_path, checked)
    check_content(source_path, file_type)
    world = read_world_file(world_file) if world_file else None

    dataset = open_untrusted(source_path, RASTER_TYPES[file_type][0])
    check_limits(dataset, checked)
    width, height = dataset.RasterXSize, dataset.RasterYSize
    layout = band_layout(dataset)
    georef = georeference(dataset, file_type=file_type, world=world, srid=srid)

    scratch = Path(tempfile.mkdtemp(prefix="cog-"))
    partial = output.with_name(output.name + ".partial")
    try:
        intermediate = scratch / "decoded.tif"
        write_intermediate(dataset, layout, georef, intermediate, threads=checked.thread_count())
        dataset = None
        cog = scratch / "cog.tif"
        warnings = write_cog(intermediate, cog, layout, compression, threads=checked.thread_count())
        intermediate.unlink()
        description = describe_cog(cog)
        checksum = sha256_of(cog)
        shutil.copyfile(cog, partial)
        os.replace(partial, output)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    return {
        "file_type": file_type,
        "width": width,
        "height": height,
        "bands": len(layout.bands),
        "band_layout": layout.kind,
        "source_srid": georef.srid,
        "source_crs": georef.crs,
        "crs_source": georef.crs_source,
        "georeference_source": georef.georeference_source,
        "rotated": georef.rotated,
        "geotransform": list(georef.geotransform),
        "bounds_source": list(georef.bounds_source),
        "bounds_wgs84": list(georef.bounds_wgs84),
        "bounds_3857": list(georef.bounds_3857),
        "min_zoom": description.min_zoom,
        "max_zoom": description.max_zoom,
        "output_path": str(output),
        "output_bytes": output.stat().st_size,
        "checksum": checksum,
        "output_width": description.width,
        "output_height": description.height,
        "output_bands": description.bands,
        "compression": description.compression,
        "extent_3857": list(description.extent_3857),
        "warnings": [*layout.warnings, *georef.warnings, *warnings],
    }


def _check_file_size(path: Path, limits: RasterLimits) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(_("The uploaded file cannot be found or read.")) from exc
    if size == 0:
        raise InputError(_("The uploaded file is empty."))
    if size > limits.max_file_bytes:
        raise InputError(
            _("The file is %(size)d MB; at most %(max)d MB are accepted.")
            % {"size": size // (1024 * 1024), "max": limits.max_file_bytes // (1024 * 1024)}
        )
