"""XPlanGML 6.0 writer: plans, Bereiche and their objects -> an xplan:XPlanAuszug (GML 3.2).

    data = write_xplan_60(document)            # or write_xplan_60(plan) / ([plan1, plan2])

Plans and Bereiche are written from their typed facts in 6.0 schema order (convert60.py);
content objects with all their attributes and geometries. Raster features of 4.x/5.x
(XP_Rasterdarstellung, XP_RasterplanBasis) become refScan of their Bereich, as 6.0 requires.
Findings (e.g. properties 6.0 does not have) go to `messages` if a list is given.
"""

import uuid
from collections import Counter
from collections.abc import Iterable

from django.contrib.gis.geos import GEOSGeometry
from django.utils.translation import gettext as _
from lxml import etree

from .convert60 import (
    GEOMETRY,
    bereich_properties,
    object_properties,
    plan_properties,
)
from .gml_writer import GmlWriter
from .messages import Message, MessageLog
from .migrate60 import Conformer
from .model import RASTER_CLASSES, Feature, Plan, XPlanDocument
from .namespaces import GML32, XLINK, XPLAN_60, XSI
from .safe_xml import PARSER_OPTIONS
from .schema60 import CLASS_RENAMES, CLASSES_NOT_IN_60
from .schema_model import schema_model_60

NSMAP = {"xplan": XPLAN_60, "gml": GML32, "xlink": XLINK, "xsi": XSI}
SCHEMA_LOCATION = (
    f"{XPLAN_60} https://repository.gdi-de.org/schemas/de.xleitstelle.xplanung/6.0/"
    "XPlanung-Operationen.xsd"
)
_X = f"{{{XPLAN_60}}}"
_G = f"{{{GML32}}}"


def _tag(key: str) -> str:
    if key.startswith("gml:"):
        return _G + key[4:]
    if key.startswith("{"):
        return key
    return _X + key


def _append_value(parent, key: str, value) -> None:
    if isinstance(value, list):
        for item in value:
            _append_value(parent, key, item)
        return
    element = etree.SubElement(parent, _tag(key))
    if not isinstance(value, dict):
        element.text = "" if value is None else str(value)
        return
    if value.get("_nil"):
        element.set(f"{{{XSI}}}nil", "true")
        if value.get("nilReason"):
            element.set("nilReason", value["nilReason"])
    elif "href" in value:
        element.set(f"{{{XLINK}}}href", value["href"])
    elif "_type" in value:
        nested = etree.SubElement(element, _X + CLASS_RENAMES.get(value["_type"], value["_type"]))
        for name, item in value.items():
            if name != "_type":
                _append_value(nested, name, item)
    elif "_wkt" in value:
        geometry = GEOSGeometry(value["_wkt"], srid=value.get("_srid"))
        GmlWriter(f"{uuid.uuid4().hex[:12]}").write(geometry, parent=element)
    elif "_xml" in value:
        wrapper = etree.fromstring(
            f"<wrapper>{value['_xml']}</wrapper>".encode(), etree.XMLParser(**PARSER_OPTIONS)
        )
        for child in wrapper:
            element.append(child)
    else:
        element.text = str(value.get("value", ""))
        for name, item in value.items():
            if name != "value" and item is not None:
                element.set(name, str(item))


def _feature_element(feature: Feature, properties, class_name: str | None = None):
    name = class_name or CLASS_RENAMES.get(feature.xplan_class, feature.xplan_class)
    element = etree.Element(_X + name)
    element.set(_G + "id", feature.gml_id)
    writer = GmlWriter(feature.gml_id)
    multi = feature.xplan_class.endswith(("_Plan", "_Bereich"))
    for key, value in properties:
        if value is GEOMETRY:
            holder = etree.SubElement(element, _tag(key))
            writer.write(feature.geometry, surface_as_multi=multi, parent=holder)
        else:
            _append_value(element, key, value)
    return element


def _selection(source) -> tuple[list[Plan], list[Feature]]:
    if isinstance(source, XPlanDocument):
        plans = list(source.plans)
        objects = [o for o in source.objects if o.xplan_class not in RASTER_CLASSES]
        return plans, objects
    plans = [source] if isinstance(source, Plan) else list(source)
    seen: set[str] = set()
    objects = []
    for plan in plans:
        for item in plan.objects:
            if item.gml_id not in seen and item.xplan_class not in RASTER_CLASSES:
                seen.add(item.gml_id)
                objects.append(item)
    return plans, objects


def _envelope(root, plans: list[Plan]) -> None:
    areas = [p.geometry for p in plans if p.geometry is not None]
    if not areas or len({a.srid for a in areas}) != 1:
        return
    extents = [a.extent for a in areas]
    bounded = etree.SubElement(root, _G + "boundedBy")
    envelope = etree.SubElement(bounded, _G + "Envelope", srsName=f"EPSG:{areas[0].srid}")
    lower = etree.SubElement(envelope, _G + "lowerCorner")
    lower.text = f"{min(e[0] for e in extents)!r} {min(e[1] for e in extents)!r}"
    upper = etree.SubElement(envelope, _G + "upperCorner")
    upper.text = f"{max(e[2] for e in extents)!r} {max(e[3] for e in extents)!r}"


def _warn_removed_classes(objects: list[Feature], log: MessageLog) -> None:
    counts = Counter(o.xplan_class for o in objects if o.xplan_class in CLASSES_NOT_IN_60)
    for name, count in sorted(counts.items()):
        log.warning(
            "class_not_in_60",
            _(
                "%(count)d objects of class %(class)s were written unchanged, but XPlanGML 6.0 "
                "no longer has this class; the file will not pass a 6.0 validator until they "
                "are converted (e.g. to the SO_ class that replaced it)."
            )
            % {"count": count, "class": name},
        )


def _migrated_objects(objects, bereich_ids, conformer) -> list[tuple[Feature, str, list]]:
    """(feature, 6.0 class, properties) of every object 6.0 can hold."""
    result = []
    for feature in objects:
        name, properties = conformer.feature(feature, object_properties(feature, bereich_ids))
        if name is not None:
            result.append((feature, name, properties))
    return result


def write_xplan_60(
    source: XPlanDocument | Plan | Iterable[Plan],
    *,
    messages: list[Message] | None = None,
    source_version: str | None = None,
) -> bytes:
    """XPlanGML 6.0 (UTF-8 bytes) for a document, one plan or several plans.

    `source_version` ("4.1", "5.4" …; taken from a document) turns on the migration of older
    content. Without the 6.0 schema (PORTAL_XPLAN_SCHEMA_DIR) objects are written as read.
    """
    log = MessageLog()
    if isinstance(source, XPlanDocument):
        source_version = source_version or source.version
    plans, objects = _selection(source)
    model = schema_model_60()
    conformer = Conformer(model, log, source_version=source_version) if model else None
    bereich_ids = {b.gml_id for plan in plans for b in plan.bereiche}
    if conformer is not None:
        migrated = _migrated_objects(objects, bereich_ids, conformer)
        objects = [feature for feature, _name, _properties in migrated]
    else:
        migrated = [(f, None, object_properties(f, bereich_ids)) for f in objects]
    written_ids = {o.gml_id for o in objects}

    def checked(feature, properties):
        return conformer.plan_or_bereich(feature, properties) if conformer else properties

    root_id = "GML_" + str(uuid.uuid5(uuid.NAMESPACE_URL, "|".join(p.gml_id for p in plans)))
    root = etree.Element(_X + "XPlanAuszug", nsmap=NSMAP)
    root.set(_G + "id", root_id)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    _envelope(root, plans)

    def member(element) -> None:
        etree.SubElement(root, _G + "featureMember").append(element)

    for plan in plans:
        member(_feature_element(plan, checked(plan, plan_properties(plan, written_ids, log))))
    for plan in plans:
        for bereich in plan.bereiche:
            properties = bereich_properties(bereich, plan, objects, log)
            member(_feature_element(bereich, checked(bereich, properties)))
    for feature, name, properties in migrated:
        member(_feature_element(feature, properties, name))
    if conformer is None:
        _warn_removed_classes(objects, log)
    if messages is not None:
        messages.extend(log.messages)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
