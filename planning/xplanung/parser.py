"""Streaming pass over an XPlanGML file: root and version, then one Feature per feature member.

Each feature element is turned into a Feature as soon as it is complete and then removed from
the tree, so memory stays proportional to the largest feature, not to the file.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .gml_geometry import GeometryReader
from .limits import XPlanLimits
from .messages import MessageLog, XPlanReadError
from .model import Feature
from .namespaces import (
    COLLECTION_NAMES,
    FEATURE_CONTAINERS,
    GML_NAMESPACES,
    WFS_NAMESPACES,
    XLINK,
    XSI,
    is_xplan_namespace,
    require_supported,
    split_tag,
)
from .properties import FeatureReader, envelope_srs
from .safe_xml import check_file_size, check_prolog, iter_xml_events

_BOUNDED_BY = {f"{{{ns}}}boundedBy" for ns in GML_NAMESPACES}
_HREF = f"{{{XLINK}}}href"
_SCHEMA_VERSION = (
    re.compile(r"de\.xleitstelle\.xplanung/(\d+)\.(\d+)"),
    re.compile(r"XPlanGML/(\d+)\.(\d+)/", re.IGNORECASE),
)


@dataclass
class ParsedFile:
    """What the streaming pass found; assemble.py turns it into an XPlanDocument."""

    root: str
    namespace: str
    version: str
    features: list[Feature] = field(default_factory=list)
    envelope_srs: str | None = None
    #: Versions stated elsewhere in the file (source, "major.minor"), compared to the namespace.
    header_versions: list[tuple[str, str]] = field(default_factory=list)


def _root_kind(element) -> tuple[str, str | None]:
    namespace, local = split_tag(element.tag)
    if local not in COLLECTION_NAMES or not (
        is_xplan_namespace(namespace) or namespace in WFS_NAMESPACES | GML_NAMESPACES
    ):
        raise XPlanReadError(
            _(
                "This is not an XPlanGML file: its root element is “%(root)s” (namespace "
                "“%(namespace)s”), expected xplan:XPlanAuszug or wfs:FeatureCollection."
            )
            % {"root": local[:80], "namespace": namespace[:120] or "-"},
            code="not_xplan",
            line=element.sourceline,
        )
    if is_xplan_namespace(namespace):
        require_supported(namespace)
        return local, namespace
    return local, None


def _schema_version(root, namespace: str) -> str | None:
    parts = (root.get(f"{{{XSI}}}schemaLocation") or "").split()
    for name, location in zip(parts[0::2], parts[1::2], strict=False):
        if name != namespace:
            continue
        for pattern in _SCHEMA_VERSION:
            match = pattern.search(location)
            if match:
                return f"{int(match.group(1))}.{int(match.group(2))}"
    return None


def parse_file(path: Path, limits: XPlanLimits, log: MessageLog) -> ParsedFile:
    """Read all features of a checked-out XPlanGML file (size and prolog are checked here)."""
    check_file_size(path, limits.max_file_bytes)
    check_prolog(path, limits)
    geometries = GeometryReader(limits, log)
    reader = FeatureReader(geometries, log)
    root = None
    root_name = ""
    namespace: str | None = None
    features: list[Feature] = []
    foreign: dict[str, int] = {}
    for event, element in iter_xml_events(path, limits):
        if root is None:
            root = element
            root_name, namespace = _root_kind(element)
            continue
        if event != "end":
            continue
        parent = element.getparent()
        if parent is None:
            continue
        if parent is root and element.tag in _BOUNDED_BY:
            reader.document_srs = envelope_srs(element)
            continue
        if parent.tag in FEATURE_CONTAINERS:
            feature_namespace, local = split_tag(element.tag)
            if local in COLLECTION_NAMES:
                pass  # a nested collection: its members were read already
            elif not is_xplan_namespace(feature_namespace):
                foreign[local] = foreign.get(local, 0) + 1
            else:
                if namespace is None:
                    namespace = feature_namespace
                    require_supported(namespace)
                elif feature_namespace != namespace:
                    raise XPlanReadError(
                        _(
                            "The file mixes XPlanGML versions: “%(a)s” and “%(b)s” (line "
                            "%(line)s). Export all objects in one version."
                        )
                        % {"a": namespace, "b": feature_namespace, "line": element.sourceline},
                        code="mixed_versions",
                        line=element.sourceline,
                    )
                features.append(reader.read(element))
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del parent[0]
        elif element.tag in FEATURE_CONTAINERS and parent is root:
            if len(element) == 0 and element.get(_HREF):
                log.warning(
                    "link_not_followed",
                    _(
                        "The file refers to an object outside itself (“%(href)s”); such "
                        "references are not followed, the object is missing."
                    )
                    % {"href": element.get(_HREF)[:200]},
                    line=element.sourceline,
                )
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del parent[0]
    if root is None:
        raise XPlanReadError(_("The file contains no XML element."), code="no_root")
    if namespace is None:
        raise XPlanReadError(
            _("The file contains no XPlanGML objects; there is nothing to import."),
            code="no_features",
        )
    for local, count in sorted(foreign.items()):
        log.warning(
            "foreign_feature",
            _("%(count)d objects of the unknown type “%(type)s” were ignored.")
            % {"count": count, "type": local[:80]},
        )
    if geometries.orientation_fixes:
        log.warning(
            "ring_orientation",
            _(
                "%(count)d boundary rings ran in the wrong direction (GML wants outer boundaries "
                "counter-clockwise and holes clockwise); they were reversed."
            )
            % {"count": geometries.orientation_fixes},
        )
    parsed = ParsedFile(
        root=root_name,
        namespace=namespace,
        version=require_supported(namespace),
        features=features,
        envelope_srs=reader.document_srs,
    )
    schema_version = _schema_version(root, namespace)
    if schema_version:
        parsed.header_versions.append(("xsi:schemaLocation", schema_version))
    return parsed
