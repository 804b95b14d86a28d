"""Hardened, streaming XML parsing for untrusted XPlanGML (SECURITY.md A1).

Three layers, each enough on its own for the known attacks:

1. Before lxml sees a byte, the file size is checked and the prolog (everything before the root
   element) is scanned: a DOCTYPE is refused outright, so there are no entities (XXE, billion
   laughs, quadratic blowup) and no external DTD; undeclared or conflicting encodings and
   encodings other than UTF-8/UTF-16/Latin-1 are refused.
2. lxml runs with resolve_entities=False, no_network=True, load_dtd=False,
   dtd_validation=False, huge_tree=False, and a resolver that refuses every external resource.
   XInclude is never processed (and its elements are refused); schemaLocation and xlink:href
   are plain attribute values to this reader, never fetched.
3. While streaming, element depth and element count are capped.

Syntax errors (truncated files, bad bytes) become XPlanReadError with the line number.
"""

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from .limits import XPlanLimits
from .messages import XPlanReadError
from .namespaces import XINCLUDE_NAMESPACES, split_tag

PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
    "recover": False,
}

_ALLOWED_ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-16": "utf-16",
    "utf16": "utf-16",
    "utf-16le": "utf-16",
    "utf-16be": "utf-16",
    "iso-8859-1": "latin-1",
    "iso8859-1": "latin-1",
    "latin1": "latin-1",
    "latin-1": "latin-1",
    "iso-8859-15": "latin-1",
    "windows-1252": "latin-1",
    "cp1252": "latin-1",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}
_XML_DECLARATION = re.compile(
    r"""<\?xml\s+version\s*=\s*(["'])1\.\d+\1"""
    r"""(?:\s+encoding\s*=\s*(["'])(?P<encoding>[A-Za-z][A-Za-z0-9._-]*)\2)?"""
    r"""(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*\?>"""
)


class _RefuseResolver(etree.Resolver):
    """Refuses every external resource lxml might ask for (DTDs, entities, XInclude)."""

    def resolve(self, url, pubid, context):
        raise XPlanReadError(
            _(
                "The file refers to an external resource (“%(url)s”); such references are not allowed."
            )
            % {"url": url or pubid or "?"},
            code="external_resource",
        )


def check_file_size(path: Path, max_bytes: int) -> int:
    """Refuse a file larger than max_bytes without reading it; return its size."""
    size = path.stat().st_size
    if size > max_bytes:
        raise XPlanReadError(
            _(
                "The file is %(size)d MB large; at most %(max)d MB are accepted. Split the plan "
                "or leave out embedded data that is not needed."
            )
            % {"size": size // (1024 * 1024), "max": max_bytes // (1024 * 1024)},
            code="file_too_large",
        )
    if size == 0:
        raise XPlanReadError(_("The file is empty."), code="empty_file")
    return size


def _bom_family(head: bytes) -> tuple[str | None, int]:
    """The encoding family a byte-order mark or the first bytes reveal, and the BOM length."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or head.startswith(
        (b"\x00\x00\x00<", b"<\x00\x00\x00")
    ):
        return "utf-32", 4
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    if head.startswith(b"<\x00?\x00"):
        return "utf-16-le", 0
    if head.startswith(b"\x00<\x00?"):
        return "utf-16-be", 0
    if head.startswith(b"\x4c\x6f\xa7\x94"):
        return "ebcdic", 0
    return None, 0


def _unsupported_encoding(name: str) -> XPlanReadError:
    return XPlanReadError(
        _(
            "The file is encoded as “%(encoding)s”, which is not accepted. Save it as UTF-8 "
            "(the XPlanGML default) and try again."
        )
        % {"encoding": name},
        code="unsupported_encoding",
        line=1,
    )


def _check_declaration(text: str, family: str | None) -> int:
    """Check the XML declaration against the byte-order mark; return where the prolog goes on."""
    if not text.startswith("<?xml"):
        if (
            family is not None
            and not family.startswith("utf-8")
            and not family.startswith("utf-16")
        ):
            raise _unsupported_encoding(family)
        return 0
    match = _XML_DECLARATION.match(text)
    if not match:
        raise XPlanReadError(
            _("The XML declaration in line 1 is malformed; the file is not a valid XML file."),
            code="xml_declaration",
            line=1,
        )
    declared = (match.group("encoding") or "").lower()
    if declared and declared not in _ALLOWED_ENCODINGS:
        raise _unsupported_encoding(match.group("encoding"))
    canonical = _ALLOWED_ENCODINGS.get(declared, "")
    if family is None and canonical == "utf-16":
        raise XPlanReadError(
            _(
                "The file declares the encoding UTF-16 but is not UTF-16 encoded. Save it again "
                "as UTF-8."
            ),
            code="encoding_mismatch",
            line=1,
        )
    if family is not None and declared and not family.startswith(canonical):
        raise XPlanReadError(
            _(
                "The file starts with a %(bom)s byte-order mark but declares the encoding "
                "“%(declared)s”. Save it again as UTF-8."
            )
            % {"bom": family.upper(), "declared": match.group("encoding")},
            code="encoding_mismatch",
            line=1,
        )
    return match.end()


def check_prolog(path: Path, limits: XPlanLimits) -> None:
    """Refuse DOCTYPEs and bad encodings by scanning everything before the root element."""
    with open(path, "rb") as stream:
        head = stream.read(limits.max_prolog_bytes)
    family, bom = _bom_family(head)
    if family in {"utf-32", "ebcdic"}:
        raise _unsupported_encoding(family.upper())
    body = head[bom:]
    if family and family.startswith("utf-16"):
        body = body[: len(body) - len(body) % 2]
        text = body.decode(family, errors="replace")
    else:
        text = body.decode("latin-1")
    position = _check_declaration(text, family)
    length = len(text)
    while True:
        while position < length and text[position] in " \t\r\n":
            position += 1
        if position >= length:
            break
        if text.startswith("<!--", position):
            end = text.find("-->", position + 4)
            if end < 0:
                break
            position = end + 3
        elif text.startswith("<?", position):
            end = text.find("?>", position + 2)
            if end < 0:
                break
            position = end + 2
        elif text.startswith("<!", position):
            line = text.count("\n", 0, position) + 1
            if text[position : position + 9].upper() == "<!DOCTYPE":
                raise XPlanReadError(
                    _(
                        "The file contains a document type declaration (<!DOCTYPE …>) in line "
                        "%(line)d. XPlanGML needs none, and it is refused because it can define "
                        "entities that read local files or the network. Remove it and try again."
                    )
                    % {"line": line},
                    code="doctype_forbidden",
                    line=line,
                )
            raise XPlanReadError(
                _("The file has unexpected markup before its root element (line %(line)d).")
                % {"line": line},
                code="xml_syntax",
                line=line,
            )
        else:
            return  # the root element (or text lxml will report)
    if len(head) >= limits.max_prolog_bytes:
        raise XPlanReadError(
            _(
                "The file has more than %(size)d kB of comments or declarations before its first "
                "element; that is not accepted."
            )
            % {"size": limits.max_prolog_bytes // 1024},
            code="prolog_too_long",
        )
    raise XPlanReadError(
        _("The file contains no XML element; it is not an XPlanGML file."), code="no_root"
    )


def _last_line(path: Path) -> int:
    """Number of the file's last line (for telling a cut-off file from other syntax errors)."""
    lines = 1
    with open(path, "rb") as stream:
        while chunk := stream.read(1024 * 1024):
            lines += chunk.count(b"\n")
    return lines


def _syntax_error(exc: etree.XMLSyntaxError, path: Path) -> XPlanReadError:
    line = exc.lineno or None
    reason = (exc.msg or str(exc)).split(", line ")[0].strip()
    lowered = reason.lower()
    where = {"line": line or "?", "reason": reason}
    if "excessive depth" in lowered:
        return XPlanReadError(
            _(
                "The elements in the file are nested too deeply (line %(line)s); no genuine "
                "XPlanGML file is. The file is refused."
            )
            % where,
            code="too_deep",
            line=line,
        )
    if "too long" in lowered or "resource limit" in lowered:
        return XPlanReadError(
            _(
                "A single text or coordinate list in the file is longer than 10 million "
                "characters (line %(line)s); the file is refused. Split very large geometries."
            )
            % where,
            code="text_too_long",
            line=line,
        )
    if "encoding" in lowered or "utf-8" in lowered or ("char" in lowered and "range" in lowered):
        return XPlanReadError(
            _(
                "The file contains bytes that are not valid in its character encoding (line "
                "%(line)s: %(reason)s). Save it as UTF-8 and try again."
            )
            % where,
            code="bad_encoding",
            line=line,
        )
    at_end = line is not None and line >= _last_line(path) - 1 and "extra content" not in lowered
    if at_end or "premature end" in lowered or "no element found" in lowered:
        return XPlanReadError(
            _(
                "The file ends too early (line %(line)s: %(reason)s). It was probably cut off "
                "during export or upload; upload the complete file."
            )
            % where,
            code="truncated",
            line=line,
        )
    if "entity" in lowered:
        return XPlanReadError(
            _(
                "The file uses an entity reference that is not defined (line %(line)s). "
                "XPlanGML files may only use the five predefined XML entities."
            )
            % where,
            code="entity_forbidden",
            line=line,
        )
    return XPlanReadError(
        _(
            "The file is not well-formed XML (line %(line)s: %(reason)s). Export it again "
            "from the planning software."
        )
        % where,
        code="xml_syntax",
        line=line,
    )


def iter_xml_events(path: Path, limits: XPlanLimits) -> Iterator[tuple[str, etree._Element]]:
    """Yield ('start'|'end', element) for a checked file, enforcing depth and element caps.

    The caller must have run check_file_size and check_prolog. Elements stay in memory until the
    caller clears them (see reader.py, which clears each feature once it is read).
    """
    depth = 0
    count = 0
    with open(path, "rb") as stream:
        events = etree.iterparse(stream, events=("start", "end"), **PARSER_OPTIONS)
        events.resolvers.add(_RefuseResolver())
        try:
            for event, element in events:
                if event == "start":
                    depth += 1
                    count += 1
                    if count == 1 and element.getroottree().docinfo.doctype:
                        raise XPlanReadError(
                            _("The file contains a document type declaration; it is refused."),
                            code="doctype_forbidden",
                            line=element.sourceline,
                        )
                    if depth > limits.max_depth:
                        raise XPlanReadError(
                            _(
                                "The elements in the file are nested more than %(max)d levels "
                                "deep (line %(line)s); no genuine XPlanGML file is. The file is "
                                "refused."
                            )
                            % {"max": limits.max_depth, "line": element.sourceline},
                            code="too_deep",
                            line=element.sourceline,
                        )
                    if count > limits.max_elements:
                        raise XPlanReadError(
                            _(
                                "The file has more than %(max)d XML elements; it is refused as "
                                "too large."
                            )
                            % {"max": limits.max_elements},
                            code="too_many_elements",
                            line=element.sourceline,
                        )
                    if split_tag(element.tag)[0] in XINCLUDE_NAMESPACES:
                        raise XPlanReadError(
                            _(
                                "The file uses XInclude (line %(line)s) to pull in other files; "
                                "that is not allowed in XPlanGML and is refused."
                            )
                            % {"line": element.sourceline},
                            code="xinclude_forbidden",
                            line=element.sourceline,
                        )
                else:
                    depth -= 1
                yield event, element
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(exc, path) from exc
