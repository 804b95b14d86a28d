"""Reading an untrusted XPlanGML file or XPlanArchiv for the import, in the sandbox.

    document = read_document(path, work_dir=tmp)      # XPlanReadError / InputError on failure

The file is parsed in gis.sandbox's child process (fresh interpreter, hardened GDAL, no network
where the machine allows it, memory/CPU/time limits); archive members are unpacked into
`work_dir` and come back as paths there. Setting PORTAL_XPLAN_READ_IN_SANDBOX = False reads in
this process instead (the reader itself is hardened; the sandbox is the second wall).
"""

import json
from pathlib import Path

from django.conf import settings

from gis.sandbox import run_sandboxed

from ..xplanung import XPlanDocument, XPlanReadError, read_xplan
from ..xplanung.schema_validation import schema_directory
from .sandboxed_read import FUNCTION_PATH
from .serialise import decode_document

#: Limits of the sandboxed reader; PORTAL_XPLAN_SANDBOX_LIMITS may override each.
DEFAULT_SANDBOX_LIMITS = {"timeout_s": 300, "memory_mb": 3072, "file_size_mb": 2048}


def sandbox_limits() -> dict:
    return DEFAULT_SANDBOX_LIMITS | getattr(settings, "PORTAL_XPLAN_SANDBOX_LIMITS", {})


def read_in_sandbox() -> bool:
    return bool(getattr(settings, "PORTAL_XPLAN_READ_IN_SANDBOX", True))


def _inside(path: Path, roots: list[Path]) -> bool:
    resolved = path.resolve()
    return not path.is_symlink() and any(resolved.is_relative_to(root) for root in roots)


def _checked_files(document: XPlanDocument, roots: list[Path]) -> XPlanDocument:
    """Keep only file paths that lie where we asked the child to put (or find) them."""
    document.files = {
        name: path for name, path in document.files.items() if _inside(path, roots) and path.is_file()
    }
    return document


def read_document(
    path: Path,
    *,
    work_dir: Path,
    resource_dir: Path | None = None,
    source_name: str | None = None,
) -> XPlanDocument:
    """Read `path` (a .gml/.xml or an XPlanArchiv) into an XPlanDocument.

    Raises XPlanReadError (file-level problem, with code and line), SandboxFailure (limits,
    crash) or InputError.
    """
    path = Path(path).resolve()
    extract_dir = Path(work_dir) / "files"
    extract_dir.mkdir()
    roots = [extract_dir.resolve()] + ([Path(resource_dir).resolve()] if resource_dir else [])
    directory = schema_directory()
    schema_dir = str(directory.resolve()) if directory else None
    if not read_in_sandbox():
        document = read_xplan(path, extract_dir=extract_dir, resource_dir=resource_dir,
                              source_name=source_name, schema_dir=schema_dir)
        return _checked_files(document, roots)
    output = Path(work_dir) / "document.json"
    limits = sandbox_limits()
    reply = run_sandboxed(
        FUNCTION_PATH,
        {
            "source": str(path),
            "output": str(output.resolve()),
            "extract_dir": str(extract_dir.resolve()),
            "resource_dir": str(Path(resource_dir).resolve()) if resource_dir else None,
            "source_name": source_name,
            "schema_dir": schema_dir,
        },
        timeout_s=limits["timeout_s"],
        memory_mb=limits["memory_mb"],
        file_size_mb=limits["file_size_mb"],
    )
    if not reply.get("ok"):
        raise XPlanReadError(str(reply.get("message", "")), code=str(reply.get("code") or "error"),
                             line=reply.get("line"))
    with open(output, encoding="utf-8") as stream:
        document = decode_document(json.load(stream))
    return _checked_files(document, roots)

