"""Public entry points: read an XPlanGML file (.gml/.xml) or an XPlanArchiv (.zip).

    document = read_xplan(path)                     # everything in memory, temp files gone
    with open_xplan(path) as document:              # archive files stay until the block ends
        copy_scans(document.files, document.plans)

Archives are checked and unpacked with gis.archives.safe_extract into a private temporary
directory (or a directory the caller owns); nothing is left behind when reading fails.
"""

import contextlib
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from gis.archives import check_archive, safe_extract
from gis.errors import InputError

from .assemble import assemble
from .limits import DEFAULT_LIMITS, XPlanLimits
from .messages import MessageLog, XPlanReadError
from .model import XPlanDocument
from .parser import parse_file
from .safe_xml import check_file_size
from .schema_validation import schema_messages

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_MAX_RESOURCE_FILES = 1000


def _is_zip(path: Path) -> bool:
    with open(path, "rb") as stream:
        return stream.read(4) in _ZIP_MAGIC


def read_xplan_gml(
    path: Path,
    *,
    limits: XPlanLimits = DEFAULT_LIMITS,
    files: dict[str, Path] | None = None,
    source_name: str | None = None,
    schema_dir: Path | str | None = None,
) -> XPlanDocument:
    """Read one XPlanGML file. `files` are the other files of its upload (name -> path), used
    to find referenced scans and world files. With `schema_dir`, a 6.0 file is also validated
    against the official schema (schema_validation.py); its violations become errors."""
    log = MessageLog()
    parsed = parse_file(Path(path), limits, log)
    document = assemble(
        parsed, source_name=source_name or Path(path).name, files=files or {}, log=log
    )
    if schema_dir and document.version == "6.0":
        document.messages += schema_messages(Path(path), schema_dir)
    return document


def _resource_files(directory: Path) -> dict[str, Path]:
    """Regular files in a directory the caller vouches for and its subdirectories (two levels,
    no symlinks, at most _MAX_RESOURCE_FILES), by relative name."""
    found: dict[str, Path] = {}
    root = Path(directory).resolve()
    pending = [(root, 0)]
    while pending and len(found) < _MAX_RESOURCE_FILES:
        folder, level = pending.pop()
        for entry in sorted(folder.iterdir()):
            if entry.is_symlink():
                continue
            if entry.is_dir() and level < 2:
                pending.append((entry, level + 1))
            elif entry.is_file():
                found[entry.relative_to(root).as_posix()] = entry
                if len(found) >= _MAX_RESOURCE_FILES:
                    break
    return found


def _plan_member(path: Path, limits: XPlanLimits) -> str:
    """The name of the XPlanGML file inside an archive, checked before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = check_archive(archive, limits.archive)
    except zipfile.BadZipFile as exc:
        raise InputError(
            _("The file is not a readable zip archive (%(reason)s).") % {"reason": exc}
        ) from exc
    gml = [e for e in entries if PurePosixPath(e.filename).suffix.lower() in (".gml", ".xml")]
    named = [e for e in gml if PurePosixPath(e.filename).name.lower() == "xplan.gml"]
    candidates = named or [e for e in gml if e.filename.lower().endswith(".gml")] or gml
    if not candidates:
        raise XPlanReadError(
            _("The archive contains no XPlanGML file; an XPlanArchiv must contain xplan.gml."),
            code="archive_without_plan",
        )
    if len(candidates) > 1:
        raise XPlanReadError(
            _(
                "The archive contains several XPlanGML files (%(names)s); an XPlanArchiv must "
                "contain exactly one, named xplan.gml."
            )
            % {"names": ", ".join(e.filename for e in candidates[:5])},
            code="archive_ambiguous",
        )
    member = candidates[0]
    if member.file_size > limits.max_file_bytes:
        raise XPlanReadError(
            _(
                "The plan file “%(name)s” in the archive is %(size)d MB large; at most %(max)d MB "
                "are accepted."
            )
            % {
                "name": member.filename,
                "size": member.file_size // (1024 * 1024),
                "max": limits.max_file_bytes // (1024 * 1024),
            },
            code="file_too_large",
        )
    return member.filename


def _read_archive(
    path: Path, directory: Path, limits: XPlanLimits, source_name: str, schema_dir=None
) -> XPlanDocument:
    member = _plan_member(path, limits)
    extracted = safe_extract(path, directory, limits.archive)
    others = {name: p for name, p in extracted.items() if name != member}
    document = read_xplan_gml(
        extracted[member],
        limits=limits,
        files=others,
        source_name=source_name,
        schema_dir=schema_dir,
    )
    document.archive_members = sorted(extracted)
    return document


@contextlib.contextmanager
def open_xplan(
    path: Path | str,
    *,
    limits: XPlanLimits = DEFAULT_LIMITS,
    resource_dir: Path | None = None,
    source_name: str | None = None,
    schema_dir: Path | str | None = None,
) -> Iterator[XPlanDocument]:
    """Read a .gml/.xml file or an XPlanArchiv; archive files live until the block ends.

    `resource_dir` (for a loose .gml only) is a directory the caller controls whose files may
    be referenced by the plan (scans, world files).
    """
    path = Path(path)
    name = source_name or path.name
    if _is_zip(path):
        check_file_size(path, limits.max_archive_bytes)
        with tempfile.TemporaryDirectory(prefix="xplan-") as directory:
            yield _read_archive(path, Path(directory), limits, name, schema_dir)
        return
    files = _resource_files(resource_dir) if resource_dir else {}
    yield read_xplan_gml(
        path, limits=limits, files=files, source_name=name, schema_dir=schema_dir
    )


def read_xplan(
    path: Path | str,
    *,
    limits: XPlanLimits = DEFAULT_LIMITS,
    resource_dir: Path | None = None,
    extract_dir: Path | None = None,
    source_name: str | None = None,
    schema_dir: Path | str | None = None,
) -> XPlanDocument:
    """Read a .gml/.xml file or an XPlanArchiv .zip into an XPlanDocument.

    Archives are unpacked into `extract_dir` if given (an empty directory the caller owns and
    cleans up; document.files then point into it), else into a temporary directory that is
    removed before this returns (document.files is then empty; archive_members lists the names).
    """
    path = Path(path)
    if extract_dir is not None and _is_zip(path):
        check_file_size(path, limits.max_archive_bytes)
        return _read_archive(
            path, Path(extract_dir), limits, source_name or path.name, schema_dir
        )
    with open_xplan(
        path,
        limits=limits,
        resource_dir=resource_dir,
        source_name=source_name,
        schema_dir=schema_dir,
    ) as document:
        pass
    if document.archive_members:
        document.files = {}  # the temporary directory is gone
    return document
