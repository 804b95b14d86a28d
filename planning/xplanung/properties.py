"""One feature element -> Feature: its properties as JSON values and its geometry.

Works on any XPlanGML class by local names, so every version and every class is read the same
way; what the properties mean is decided later (plan_facts.py, assemble.py).
"""

from copy import deepcopy

from django.utils.translation import gettext as _
from lxml import etree

from .gml_geometry import GeometryReader, is_geometry_element
from .messages import MessageLog
from .model import Feature
from .namespaces import GML_NAMESPACES, XLINK, XSI, is_xplan_namespace, split_tag

_HREF = f"{{{XLINK}}}href"
_NIL = f"{{{XSI}}}nil"
_NIL_REASON = "nilReason"
_GML_ID = {f"{{{ns}}}id" for ns in GML_NAMESPACES}
_PRIMARY_GEOMETRY = ("position", "raeumlicherGeltungsbereich", "geltungsbereich")


def gml_id_of(element) -> str | None:
    for key in _GML_ID:
        value = element.get(key)
        if value is not None:
            return value
    return None


def property_key(tag: str) -> str:
    namespace, local = split_tag(tag)
    if is_xplan_namespace(namespace) or not namespace:
        return local
    if namespace in GML_NAMESPACES:
        return f"gml:{local}"
    return tag


def envelope_srs(element) -> str | None:
    """srsName of the gml:Envelope inside a gml:boundedBy element."""
    for child in element:
        if isinstance(child.tag, str) and child.get("srsName"):
            return child.get("srsName")
    return None


def _add(values: dict, order: list[str] | None, key: str, value) -> None:
    if key in values:
        existing = values[key]
        if isinstance(existing, list):
            existing.append(value)
        else:
            values[key] = [existing, value]
    else:
        values[key] = value
        if order is not None:
            order.append(key)


class FeatureReader:
    """Turns feature elements into Features; shares one GeometryReader per document."""

    def __init__(self, geometry_reader: GeometryReader, log: MessageLog) -> None:
        self.geometries = geometry_reader
        self.log = log
        self.document_srs: str | None = None

    def read(self, element) -> Feature:
        xplan_class = split_tag(element.tag)[1]
        gml_id = gml_id_of(element) or ""
        feature = Feature(xplan_class=xplan_class, gml_id=gml_id, line=element.sourceline)
        fallback_srs = self.document_srs
        for child in element:
            if not isinstance(child.tag, str):
                continue
            key = property_key(child.tag)
            if key == "gml:boundedBy":
                fallback_srs = envelope_srs(child) or fallback_srs
                continue
            geometry_element = self._single_geometry(child)
            if geometry_element is not None:
                self._read_geometry(feature, key, geometry_element, fallback_srs)
                continue
            _add(feature.attributes, feature.property_order, key, self.value(child, fallback_srs))
        if feature.geometry_property is None and feature.other_geometries:
            name, geometry = next(iter(feature.other_geometries.items()))
            feature.geometry_property, feature.geometry = name, geometry
            del feature.other_geometries[name]
        return feature

    @staticmethod
    def _single_geometry(element):
        children = [child for child in element if isinstance(child.tag, str)]
        if len(children) == 1 and is_geometry_element(children[0]):
            return children[0]
        return None

    def _read_geometry(self, feature: Feature, key: str, element, fallback_srs) -> None:
        feature.property_order.append(key)
        geometry = self.geometries.read(element, gml_id=feature.gml_id, fallback_srs=fallback_srs)
        primary = key in _PRIMARY_GEOMETRY and feature.geometry_property is None
        if primary:
            feature.geometry_property = key
        if geometry is None:
            return
        if primary:
            feature.geometry = geometry
            feature.has_arcs = self.geometries.has_arcs
        else:
            feature.other_geometries[key] = geometry

    def value(self, element, fallback_srs: str | None):
        """The JSON value of one property element (see model.py for the forms)."""
        if element.get(_NIL) in ("true", "1"):
            value = {"_nil": True}
            if element.get(_NIL_REASON):
                value["nilReason"] = element.get(_NIL_REASON)
            return value
        children = [child for child in element if isinstance(child.tag, str)]
        href = element.get(_HREF)
        if href is not None and not children:
            if not href.startswith("#"):
                self.log.warning(
                    "link_not_followed",
                    _(
                        "The reference “%(href)s” points outside the file; it is kept as text "
                        "but not followed."
                    )
                    % {"href": href[:200]},
                    line=element.sourceline,
                )
            return {"href": href}
        if not children:
            text = (element.text or "").strip()
            extra = {
                split_tag(name)[1]: value
                for name, value in element.attrib.items()
                if split_tag(name)[0] not in (XLINK, XSI)
            }
            if extra:
                return {"value": text, **extra}
            return text
        if len(children) == 1:
            child = children[0]
            namespace, local = split_tag(child.tag)
            if is_geometry_element(child):
                geometry = self.geometries.read(child, gml_id=None, fallback_srs=fallback_srs)
                if geometry is None:
                    return {"_nil": True, "nilReason": "invalid geometry"}
                return {"_wkt": geometry.wkt, "_srid": geometry.srid}
            if is_xplan_namespace(namespace):
                nested: dict = {"_type": local}
                for grandchild in child:
                    if isinstance(grandchild.tag, str):
                        _add(
                            nested,
                            None,
                            property_key(grandchild.tag),
                            self.value(grandchild, fallback_srs),
                        )
                return nested
        return {"_xml": "".join(_compact_xml(child) for child in children)}


def _compact_xml(element) -> str:
    """Foreign content as XML text without layout whitespace (so re-indenting keeps it equal)."""
    copy = deepcopy(element)
    for node in copy.iter():
        if node.text is not None and not node.text.strip() and len(node):
            node.text = None
        if node.tail is not None and not node.tail.strip():
            node.tail = None
    return etree.tostring(copy, encoding="unicode", with_tail=False)
