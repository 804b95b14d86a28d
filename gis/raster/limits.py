"""Limits for raster uploads (docs/raster.md#limits).

Checked right after GDAL has opened the file and before a single pixel is read (SECURITY.md
E9/A3.1: a 130-byte TIFF may declare 100000 x 100000 pixels). The sandbox limits (time, memory)
bound whatever the checks cannot foresee.
"""

import os
from dataclasses import asdict, dataclass, fields

MB = 1024 * 1024
#: Most threads one conversion uses when "all cores" is asked for: each thread costs a stack
#: (8 MB of address space, counted by the sandbox's memory limit) and GDAL buffers.
MAX_THREADS = 8


@dataclass(frozen=True)
class RasterLimits:
    #: Size of the uploaded image file on disk.
    max_file_bytes: int = 500 * MB
    #: Width and height in pixels (an A0 sheet scanned at 600 dpi is about 19900 x 28100).
    max_width: int = 60_000
    max_height: int = 60_000
    #: Width x height: 300 megapixels, about an A0 sheet at 500 dpi (Pillow warns at 89 MP).
    max_pixels: int = 300_000_000
    #: Gray, gray + alpha, RGB or RGBA (a palette counts as one band).
    max_bands: int = 4
    #: One TIFF strip or tile, decoded (a compressed single-strip TIFF must fit in memory).
    max_block_bytes: int = 128 * MB
    #: Wall-clock and CPU seconds, and address space, of the sandboxed conversion.
    timeout_s: int = 900
    memory_mb: int = 2048
    #: Largest file the conversion may write (intermediate and COG).
    max_output_mb: int = 4096
    #: Threads of the conversion (GDAL compression, warping, overviews); 0 = as configured
    #: (settings.PORTAL_RASTER_THREADS, whose 0 means every core, up to MAX_THREADS). The
    #: processor-time limit grows with them, the wall-clock limit does not.
    threads: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    def thread_count(self) -> int:
        """The number of threads to start: `threads`, or every core of this machine."""
        if self.threads > 0:
            return self.threads
        # The cores this process may run on (a container or taskset may allow fewer than exist).
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        return max(1, min(cores or 1, MAX_THREADS))

    @classmethod
    def from_dict(cls, values: dict | None) -> "RasterLimits":
        if not values:
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{key: int(value) for key, value in values.items() if key in known})
