"""Limits that bound the work an untrusted XPlanGML file or XPlanArchiv can cause.

Every limit is checked before the work it guards (file size before parsing, declared archive
sizes before extraction) or while streaming (depth, element count, vertices), so a hostile file
is refused early with a clear message instead of exhausting memory or time.
"""

from dataclasses import dataclass, field

from gis.archives import ArchiveLimits

#: File types an XPlanArchiv may contain: the plan, scans and their world files, documents.
ARCHIVE_SUFFIXES = frozenset(
    {
        ".gml",
        ".xml",
        ".png",
        ".pgw",
        ".pngw",
        ".tif",
        ".tiff",
        ".tfw",
        ".tifw",
        ".jpg",
        ".jpeg",
        ".jgw",
        ".jpgw",
        ".wld",
        ".pdf",
        ".txt",
        ".htm",
        ".html",
        ".odt",
        ".docx",
        ".doc",
    }
)

MEGABYTE = 1024 * 1024


def _archive_limits() -> ArchiveLimits:
    return ArchiveLimits(
        max_entries=500,
        max_total_bytes=1024 * MEGABYTE,
        max_entry_bytes=512 * MEGABYTE,
        max_ratio=200,
        allowed_suffixes=ARCHIVE_SUFFIXES,
    )


@dataclass(frozen=True)
class XPlanLimits:
    """Bounds for reading one XPlanGML document (all configurable per call)."""

    #: Largest XPlanGML file (also the largest xplan.gml inside an archive), in bytes.
    max_file_bytes: int = 100 * MEGABYTE
    #: Largest XPlanArchiv zip file, in bytes.
    max_archive_bytes: int = 1024 * MEGABYTE
    #: Deepest element nesting. The deepest real XPlanGML is about 15 levels.
    max_depth: int = 64
    #: Most XML elements in one document (a 100 MB plan has roughly 2 million).
    max_elements: int = 4_000_000
    #: Most coordinate pairs in one document, after arcs were linearised.
    max_vertices: int = 10_000_000
    #: Longest XML prolog (declaration, comments) before the root element, in bytes.
    max_prolog_bytes: int = 64 * 1024
    #: Largest deviation of a linearised arc from the true arc, in metres (CRS units for
    #: projected CRS; converted to degrees for geographic CRS).
    arc_tolerance_m: float = 0.01
    #: Most line segments one arc or circle is split into.
    max_segments_per_arc: int = 2048
    #: A ring whose end misses its start by at most this distance (metres) is closed
    #: automatically; a wider gap is an error.
    ring_closing_tolerance_m: float = 0.01
    #: Limits for unpacking XPlanArchiv zips (gis.archives.safe_extract).
    archive: ArchiveLimits = field(default_factory=_archive_limits)


DEFAULT_LIMITS = XPlanLimits()
