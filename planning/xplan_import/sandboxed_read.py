"""The child side of reading an upload: runs inside gis.sandbox (no network, limits, no DB).

Called only through gis.sandbox.run_sandboxed (it is on its ALLOWED_FUNCTIONS). It reads the
file with planning.xplanung, unpacks an XPlanArchiv into `extract_dir` (a directory the parent
created and removes), and writes the document as JSON to `output` — the sandbox's reply is
limited to 1 MB, a plan of 100 MB is not. A file that cannot be read is a normal reply with the
error's code, message and line, so the report can place it.

Imports stay light: no models, no settings beyond what the sandbox configures for gettext.
"""

import json
from pathlib import Path

from gis.errors import InputError

from ..xplanung import XPlanReadError, read_xplan
from .serialise import encode_document

FUNCTION_PATH = "planning.xplan_import.sandboxed_read.read_to_json"


def read_to_json(
    *,
    source: str,
    output: str,
    extract_dir: str,
    resource_dir: str | None = None,
    source_name: str | None = None,
    schema_dir: str | None = None,
) -> dict:
    try:
        document = read_xplan(
            Path(source),
            extract_dir=Path(extract_dir),
            resource_dir=Path(resource_dir) if resource_dir else None,
            source_name=source_name,
            schema_dir=schema_dir,
        )
    except XPlanReadError as exc:
        return {"ok": False, "code": exc.code, "message": exc.message, "line": exc.line}
    except InputError as exc:
        return {"ok": False, "code": "input_error", "message": exc.message, "line": None}
    with open(output, "w", encoding="utf-8") as stream:
        json.dump(encode_document(document), stream, ensure_ascii=False)
    return {"ok": True}
