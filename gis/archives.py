"""Safe extraction of uploaded zip archives (SECURITY.md A2).

The archive is checked as a whole from its central directory before a single byte is written:
entry count, names (no absolute paths, no "..", no control characters, no duplicates after
case folding and Unicode normalisation), no symlinks or nested archives, declared sizes and
compression ratio. Extraction then streams each entry with a byte counter as a second guard, so
an archive that lies about its sizes stops at the limit. Only checked, extracted files are ever
handed to GDAL (never /vsizip/ on an unchecked archive).
"""

import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .errors import InputError, without_paths


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int = 200
    max_total_bytes: int = 1024 * 1024 * 1024
    max_entry_bytes: int = 512 * 1024 * 1024
    max_ratio: int = 200
    allowed_suffixes: frozenset[str] | None = None


NESTED_ARCHIVE_SUFFIXES = {".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz"}
_CHUNK = 1024 * 1024


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _check_name(raw: str) -> PurePosixPath:
    if not raw or len(raw) > 255:
        raise InputError(_("The archive contains an entry with an empty or overlong name."))
    if any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in raw):
        raise InputError(
            _("The archive entry “%(name)s” contains control or formatting characters.")
            % {"name": raw.encode("unicode_escape").decode("ascii")}
        )
    if "\\" in raw or raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        raise InputError(
            _("The archive entry “%(name)s” has an absolute or Windows path.") % {"name": raw}
        )
    path = PurePosixPath(raw)
    if any(part in ("..", ".") for part in path.parts):
        raise InputError(
            _("The archive entry “%(name)s” points outside the archive.") % {"name": raw}
        )
    return path


def check_archive(archive: zipfile.ZipFile, limits: ArchiveLimits) -> list[zipfile.ZipInfo]:
    """Check the whole listing; return the file entries (directories left out)."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise InputError(
            _("The archive has %(count)d entries; at most %(max)d are allowed.")
            % {"count": len(infos), "max": limits.max_entries}
        )
    seen: set[str] = set()
    files = []
    total = 0
    for info in infos:
        path = _check_name(info.filename)
        if _is_symlink(info):
            raise InputError(
                _("The archive entry “%(name)s” is a symbolic link; links are not accepted.")
                % {"name": info.filename}
            )
        key = unicodedata.normalize("NFC", info.filename.rstrip("/")).casefold()
        if key in seen:
            raise InputError(
                _("The archive contains “%(name)s” more than once.") % {"name": info.filename}
            )
        seen.add(key)
        if info.is_dir():
            continue
        suffix = path.suffix.lower()
        if suffix in NESTED_ARCHIVE_SUFFIXES:
            raise InputError(
                _("The archive contains another archive (“%(name)s”); nested archives are not accepted.")
                % {"name": info.filename}
            )
        if limits.allowed_suffixes is not None and suffix not in limits.allowed_suffixes:
            raise InputError(
                _("The archive entry “%(name)s” has a file type that is not accepted here.")
                % {"name": info.filename}
            )
        if info.file_size > limits.max_entry_bytes:
            raise InputError(
                _("The archive entry “%(name)s” is too large (%(size)d MB unpacked).")
                % {"name": info.filename, "size": info.file_size // (1024 * 1024)}
            )
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise InputError(
                _("The archive entry “%(name)s” is compressed suspiciously strongly (possible zip bomb).")
                % {"name": info.filename}
            )
        total += info.file_size
        files.append(info)
    if total > limits.max_total_bytes:
        raise InputError(
            _("The archive unpacks to %(size)d MB; at most %(max)d MB are allowed.")
            % {"size": total // (1024 * 1024), "max": limits.max_total_bytes // (1024 * 1024)}
        )
    return files


def safe_extract(source: Path, destination: Path, limits: ArchiveLimits) -> dict[str, Path]:
    """Extract a checked archive into `destination`.

    Returns a mapping of each entry's name inside the archive to its extracted path. Files keep
    their relative paths (already proven to stay inside the archive).
    """
    try:
        with zipfile.ZipFile(source) as archive:
            entries = check_archive(archive, limits)
            extracted: dict[str, Path] = {}
            root = destination.resolve()
            for info in entries:
                target = (root / info.filename).resolve()
                if root not in target.parents:
                    raise InputError(
                        _("The archive entry “%(name)s” points outside the archive.")
                        % {"name": info.filename}
                    )
                target.parent.mkdir(parents=True, exist_ok=True)
                written = 0
                with archive.open(info) as src, open(target, "xb") as dst:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        if written > info.file_size or written > limits.max_entry_bytes:
                            raise InputError(
                                _("The archive entry “%(name)s” is larger than it declares.")
                                % {"name": info.filename}
                            )
                        dst.write(chunk)
                extracted[info.filename] = target
            return extracted
    except zipfile.BadZipFile as exc:
        raise InputError(
            _("The file is not a readable zip archive (%(reason)s).") % {"reason": without_paths(exc)}
        ) from exc
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise InputError(
            _("The zip archive cannot be unpacked (%(reason)s).") % {"reason": without_paths(exc)}
        ) from exc
