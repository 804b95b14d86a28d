"""The entry point for the web/task process: convert an upload to a COG inside the sandbox.

    convert_to_cog(source, out_path=..., world_file=None, srid=None, ...) -> dict

Call it from a background task, never in a request. The source (and world file) must be files
our upload handling wrote into a private directory, one upload per directory. Raises InputError
(message for the user, translated into the active language) for a bad file; SandboxFailure (an
InputError too) when the conversion exceeded its limits or crashed.
"""

import dataclasses
from pathlib import Path

from django.conf import settings

from ..sandbox import run_sandboxed
from .limits import RasterLimits

MAKE_COG = "gis.raster.ingest.make_cog"


def convert_to_cog(
    source: Path | str,
    *,
    out_path: Path | str,
    world_file: Path | str | None = None,
    srid: int | None = None,
    file_type: str | None = None,
    display_name: str | None = None,
    compression: str = "DEFLATE",
    limits: RasterLimits | None = None,
) -> dict:
    """See gis.raster.ingest.make_cog for the arguments and the returned metadata."""
    limits = limits or RasterLimits()
    # Threads not given: the configured number (PORTAL_RASTER_THREADS; 0 there: every core).
    # Resolved here, in the parent: the child uses exactly this many (GDAL_NUM_THREADS and the
    # drivers' NUM_THREADS), and its processor-time limit is per thread.
    threads = dataclasses.replace(
        limits, threads=limits.threads or settings.PORTAL_RASTER_THREADS).thread_count()
    limits = dataclasses.replace(limits, threads=threads)
    kwargs = {
        "source": str(Path(source).resolve()),
        "out_path": str(Path(out_path).resolve()),
        "world_file": str(Path(world_file).resolve()) if world_file else None,
        "srid": srid,
        "file_type": file_type,
        "display_name": display_name,
        "compression": compression,
        "limits": limits.to_dict(),
    }
    return run_sandboxed(
        MAKE_COG,
        kwargs,
        timeout_s=limits.timeout_s,
        cpu_s=limits.timeout_s * threads,
        memory_mb=limits.memory_mb,
        threads=threads,
        file_size_mb=limits.max_output_mb,
    )
