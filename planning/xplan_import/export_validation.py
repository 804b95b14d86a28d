"""Schema validation of what the portal exports (XPlanGML 6.0 or an XPlanArchiv with it).

    result = validate_export(data)     # ValidationResult (schema_validation.py)

The export is the portal's own output, so validating it in the request is safe; the schema is
compiled once per process.
"""

import io
import zipfile

from ..xplanung.schema_validation import ValidationResult, validate_xplan_60

ARCHIVE_MEMBER = "xplan.gml"


def exported_gml(data: bytes) -> bytes:
    """The XPlanGML of an export: the bytes themselves, or xplan.gml of an XPlanArchiv."""
    if data[:4] != b"PK\x03\x04":
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(ARCHIVE_MEMBER)


def validate_export(data: bytes) -> ValidationResult:
    return validate_xplan_60(exported_gml(data))
