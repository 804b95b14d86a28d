"""Raster scans of plans: where they are referenced, their files and world files.

4.x: Bereich.rasterBasis -> XP_RasterplanBasis.refScan (and BP_Bereich.rasterAenderung);
5.x: Bereich.refScan, or (deprecated) Bereich.rasterBasis -> XP_Rasterdarstellung.refScan;
6.0: only Bereich.refScan. referenzURL is the image, georefURL its world file.

Files are looked up only among the files we were given (the checked, extracted archive or an
explicit resource directory), by name; a reference is never opened as a path or URL.
"""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.utils.translation import gettext as _
from osgeo import gdal

from gis.errors import InputError
from gis.raster.worldfile import read_world_file

from .messages import MessageLog
from .model import Bereich, Feature, RasterReference, as_list
from .plan_facts import local_ids, text

gdal.UseExceptions()

#: Image suffix -> world file suffixes, in the order they are tried (ESRI conventions).
WORLD_FILE_SUFFIXES = {
    ".png": (".pgw", ".pngw", ".wld"),
    ".tif": (".tfw", ".tifw", ".wld"),
    ".tiff": (".tfw", ".tiffw", ".tifw", ".wld"),
    ".jpg": (".jgw", ".jpgw", ".wld"),
    ".jpeg": (".jgw", ".jpegw", ".jpgw", ".wld"),
}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def local_name(href: str | None) -> str | None:
    """A relative file name from a reference, or None for URLs, absolute or escaping paths."""
    if not href:
        return None
    name = unquote(href.strip()).replace("\\", "/")
    if _SCHEME.match(name) or name.startswith("/"):
        return None
    parts = [part for part in PurePosixPath(name).parts if part != "."]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


def _find(name: str | None, files: dict[str, Path]) -> str | None:
    if not name:
        return None
    folded = name.casefold()
    for candidate in files:
        if candidate.casefold() == folded:
            return candidate
    basename = PurePosixPath(folded).name
    matches = [c for c in files if PurePosixPath(c.casefold()).name == basename]
    return matches[0] if len(matches) == 1 else None


def _world_file(path: Path) -> tuple[tuple[float, ...] | None, str | None]:
    """The six world-file parameters (A, D, B, E, C, F) or the reason they are unusable.

    Parsing is gis.raster.worldfile's (decimal commas, BOM, CRLF, plausibility)."""
    try:
        world = read_world_file(path)
    except InputError as exc:
        return None, str(exc)
    return (world.a, world.d, world.b, world.e, world.c, world.f), None


def _geotiff_georeferenced(path: Path) -> bool:
    """Whether a TIFF has a geotransform; opened with the GTiff driver only, header only."""
    try:
        dataset = gdal.OpenEx(
            str(path), gdal.OF_RASTER | gdal.OF_READONLY, allowed_drivers=["GTiff"]
        )
    except RuntimeError:
        return False
    if dataset is None:
        return False
    try:
        return dataset.GetGeoTransform(can_return_null=True) is not None
    finally:
        dataset = None


def _reference(value, *, source: str, bereich: Bereich, line, log: MessageLog):
    if not isinstance(value, dict) or not value.get("_type"):
        log.warning(
            "raster_reference_empty",
            _("An empty raster reference (refScan) in %(source)s was ignored.")
            % {"source": source},
            line=line,
            gml_id=bereich.gml_id,
        )
        return None
    return RasterReference(
        href=text(value.get("referenzURL")),
        name=text(value.get("referenzName")),
        georef_url=text(value.get("georefURL")),
        source=source,
        bereich_id=bereich.gml_id,
        line=line,
    )


def raster_references(
    bereich: Bereich, by_id: dict[str, Feature], log: MessageLog
) -> list[RasterReference]:
    """All scans of a Bereich, from refScan and from linked raster features."""
    found = []
    for value in as_list(bereich.attributes.get("refScan")):
        found.append(
            _reference(value, source="refScan", bereich=bereich, line=bereich.line, log=log)
        )
    for key in ("rasterBasis", "rasterAenderung"):
        for raster_id in local_ids(bereich.attributes.get(key)):
            feature = by_id.get(raster_id)
            if feature is None:
                continue
            for value in as_list(feature.attributes.get("refScan")):
                found.append(
                    _reference(
                        value,
                        source=feature.xplan_class,
                        bereich=bereich,
                        line=feature.line,
                        log=log,
                    )
                )
    return [reference for reference in found if reference is not None]


def resolve_files(rasters: list[RasterReference], files: dict[str, Path], log: MessageLog) -> None:
    """Find each scan's image and world file among `files`; set georeferenced."""
    for raster in rasters:
        name = local_name(raster.href)
        raster.file_name = _find(name, files)
        candidates = [local_name(raster.georef_url)] if raster.georef_url else []
        if name:
            stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix.lower()
            parent = str(PurePosixPath(name).parent)
            prefix = "" if parent == "." else parent + "/"
            candidates += [prefix + stem + ws for ws in WORLD_FILE_SUFFIXES.get(suffix, ())]
        for candidate in candidates:
            world = _find(candidate, files)
            if world is None:
                continue
            parameters, reason = _world_file(files[world])
            if parameters is None:
                log.warning(
                    "world_file_invalid",
                    _(
                        "The world file “%(name)s” cannot be used (%(reason)s); the scan is "
                        "treated as not georeferenced."
                    )
                    % {"name": world, "reason": reason},
                    line=raster.line,
                    gml_id=raster.bereich_id,
                )
                continue
            raster.world_file, raster.world_file_parameters = world, parameters
            raster.georeferenced = True
            break
        if (
            not raster.georeferenced
            and raster.file_name
            and raster.file_name.lower().endswith((".tif", ".tiff"))
        ):
            raster.georeferenced = _geotiff_georeferenced(files[raster.file_name])
        if name and raster.file_name is None:
            log.warning(
                "raster_file_missing",
                _(
                    "The scanned plan “%(name)s” is referenced but not part of the upload. "
                    "Upload the plan as an XPlanArchiv (zip) together with the scan and its "
                    "world file."
                )
                % {"name": name[:200]},
                line=raster.line,
                gml_id=raster.bereich_id,
            )
