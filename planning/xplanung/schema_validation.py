"""Validation of XPlanGML 6.0 against the official XML schema, offline.

    result = validate_xplan_60(data)          # bytes of an XPlanGML 6.0 document
    result.available, result.valid, result.errors   # SchemaError(line, element, gml_id, message)

The schema is read from the directory of the setting PORTAL_XPLAN_SCHEMA_DIR (its `6_0/`
folder with `XPlanung-Operationen-offline.xsd` and the GML profile), once per process and
schema directory: compiling the 6.0 schema takes a few seconds. Nothing is fetched from the
network: the parser has no network access and a resolver refuses every document outside the
schema directory. When the directory or the schema is missing, the result says "not
available" instead of failing.
"""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

from .messages import Message
from .namespaces import GML32
from .safe_xml import PARSER_OPTIONS

SCHEMA_60 = Path("6_0") / "XPlanung-Operationen-offline.xsd"
MAX_ERRORS = 200
#: Code of the import-report messages for schema violations.
SCHEMA_ERROR = "schema_error"
_GML_ID = f"{{{GML32}}}id"
_NAMED = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")


@dataclass(frozen=True)
class SchemaError:
    """One schema violation: where (line, element, the enclosing object's gml:id) and what."""

    line: int | None
    element: str
    gml_id: str | None
    message: str

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "element": self.element,
            "gml_id": self.gml_id,
            "message": self.message,
        }


@dataclass
class ValidationResult:
    available: bool
    errors: list[SchemaError] = field(default_factory=list)
    reason: str = ""
    truncated: bool = False

    @property
    def valid(self) -> bool | None:
        """True/False, or None when the schema was not available."""
        return None if not self.available else not self.errors

    def as_dict(self) -> dict:
        return {
            "available": self.available,
            "valid": self.valid,
            "reason": self.reason,
            "errors": [e.as_dict() for e in self.errors],
            "truncated": self.truncated,
        }


class SchemaUnavailable(Exception):
    pass


class _SchemaDirectoryResolver(etree.Resolver):
    """Opens schema documents only from inside the schema directory."""

    def __init__(self, directory: Path):
        super().__init__()
        self.directory = directory.resolve()

    def resolve(self, url, public_id, context):
        local = "://" not in url or url.startswith("file://")
        path = Path(url.removeprefix("file://")).resolve() if local else None
        if path is None or not path.is_relative_to(self.directory) or not path.is_file():
            raise SchemaUnavailable(f"schema document outside the schema directory: {url}")
        return self.resolve_filename(str(path), context)


def schema_directory() -> Path | None:
    value = getattr(settings, "PORTAL_XPLAN_SCHEMA_DIR", None)
    return Path(value) if value else None


@functools.lru_cache(maxsize=4)
def _load_schema(directory: str) -> etree.XMLSchema:
    root = Path(directory)
    path = root / SCHEMA_60
    if not path.is_file():
        raise SchemaUnavailable(f"{path} does not exist")
    parser = etree.XMLParser(**{**PARSER_OPTIONS, "remove_comments": False})
    parser.resolvers.add(_SchemaDirectoryResolver(root))
    try:
        return etree.XMLSchema(etree.parse(str(path), parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        raise SchemaUnavailable(str(exc)) from exc


def load_schema_60(directory: Path | str | None = None) -> etree.XMLSchema:
    """The compiled 6.0 schema of `directory` (default: the setting; cached per process);
    SchemaUnavailable if it cannot be loaded."""
    directory = Path(directory) if directory else schema_directory()
    if directory is None:
        raise SchemaUnavailable("PORTAL_XPLAN_SCHEMA_DIR is not set")
    return _load_schema(str(directory.resolve()))


def _unavailable(detail: str) -> ValidationResult:
    return ValidationResult(
        available=False,
        reason=_(
            "Schema validation is not available: the XPlanGML 6.0 schema could not be loaded "
            "(%(detail)s)."
        )
        % {"detail": detail},
    )


def _elements_by_line(tree) -> dict[int, list]:
    found: dict[int, list] = {}
    for element in tree.iter(etree.Element):
        if element.sourceline is not None:
            found.setdefault(element.sourceline, []).append(element)
    return found


def _element_of(entry, by_line: dict[int, list]):
    """The element an error is about: the one the message names on the error's line, else the
    last one starting on that line."""
    candidates = by_line.get(entry.line) or []
    match = _NAMED.match(entry.message or "")
    if match:
        named = [e for e in candidates if etree.QName(e).localname == match.group(1)]
        if named:
            return named[0]
    return candidates[-1] if candidates else None


def _owner_id(element) -> str | None:
    while element is not None:
        if element.get(_GML_ID) and etree.QName(element).namespace != GML32:
            return element.get(_GML_ID)
        element = element.getparent()
    return None


def validate_tree(tree, schema_dir: Path | str | None = None) -> ValidationResult:
    try:
        schema = load_schema_60(schema_dir)
    except SchemaUnavailable as exc:
        return _unavailable(str(exc))
    if schema.validate(tree):
        return ValidationResult(available=True)
    by_line = _elements_by_line(tree)
    errors = []
    for entry in list(schema.error_log)[:MAX_ERRORS]:
        element = _element_of(entry, by_line)
        errors.append(
            SchemaError(
                line=entry.line or None,
                element=etree.QName(element).localname if element is not None else "",
                gml_id=_owner_id(element),
                message=entry.message,
            )
        )
    return ValidationResult(
        available=True, errors=errors, truncated=len(schema.error_log) > MAX_ERRORS
    )


def validate_xplan_60(data: bytes, schema_dir: Path | str | None = None) -> ValidationResult:
    """Validate an XPlanGML 6.0 document (bytes) against the official schema of `schema_dir`
    (default: the setting PORTAL_XPLAN_SCHEMA_DIR)."""
    parser = etree.XMLParser(**PARSER_OPTIONS)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if hasattr(exc, "lineno") else None
        return ValidationResult(
            available=True,
            errors=[SchemaError(line=line, element="", gml_id=None, message=str(exc))],
        )
    return validate_tree(tree, schema_dir)


def schema_messages(path: Path, schema_dir: Path | str) -> list[Message]:
    """The schema findings of an uploaded XPlanGML 6.0 file as import-report messages: one
    error per schema violation (line, element, gml:id), or one warning when the schema is not
    available."""
    result = validate_xplan_60(Path(path).read_bytes(), schema_dir)
    if not result.available:
        return [Message("warning", "schema_unavailable", result.reason)]
    messages = [
        Message(
            "error",
            SCHEMA_ERROR,
            _("Not valid against the XPlanGML 6.0 schema at “%(element)s”: %(detail)s")
            % {"element": error.element or "?", "detail": error.message},
            line=error.line,
            gml_id=error.gml_id,
        )
        for error in result.errors
    ]
    if result.truncated:
        messages.append(
            Message(
                "error",
                SCHEMA_ERROR,
                _("More schema errors follow; only the first %(count)d are listed.")
                % {"count": MAX_ERRORS},
            )
        )
    return messages
