"""Writing XPlanArchiv zips: xplan.gml plus the files it references (scans, world files, PDFs)."""

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from gis.errors import InputError

from .limits import ARCHIVE_SUFFIXES

PLAN_MEMBER = "xplan.gml"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # reproducible archives


def _check_member_name(name: str) -> str:
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or path.is_absolute()
        or any(part in ("", ".", "..") for part in name.split("/"))
        or any(ord(ch) < 32 for ch in name)
    ):
        raise InputError(
            _("“%(name)s” is not a valid file name inside an XPlanArchiv.") % {"name": name}
        )
    if path.suffix.lower() not in ARCHIVE_SUFFIXES:
        raise InputError(
            _("Files of type “%(suffix)s” are not accepted in an XPlanArchiv.")
            % {"suffix": path.suffix or name}
        )
    return name


def write_xplan_archive(gml: bytes, files: Mapping[str, Path | bytes] | None = None) -> bytes:
    """An XPlanArchiv: `gml` as xplan.gml plus `files` (name in the archive -> path or bytes)."""
    seen = {PLAN_MEMBER}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(PLAN_MEMBER, _FIXED_TIME), gml, zipfile.ZIP_DEFLATED)
        for name, content in sorted((files or {}).items()):
            _check_member_name(name)
            if name.casefold() in seen:
                raise InputError(
                    _("The file name “%(name)s” occurs twice in the XPlanArchiv.") % {"name": name}
                )
            seen.add(name.casefold())
            data = content if isinstance(content, bytes) else Path(content).read_bytes()
            archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
