"""The data of an XPlanRecord: what an imported plan had beyond the portal's tables.

    data = record_data(plan, objects_without_geometry=..., map_objects=..., plan_row=row)
    content = read_record(record)       # XPlanung dataclasses again, for the export

Kept: the plan's typed facts and properties (encoded dataclass), its Bereiche (with their
geometry and scan references), objects without geometry with their position among the plan's
objects, per class the order of properties and the name of the geometry property (PostgreSQL's
jsonb does not keep key order; XPlanGML needs it), and the portal facts as imported, so the
export writes a portal value only where staff have changed it since.
"""

import hashlib
from dataclasses import dataclass, field

from ..models import Plan
from ..xplanung import Bereich, Feature
from ..xplanung import Plan as XPlan
from .serialise import decode, encode

FORMAT = 1
#: Plan fields compared between import and export.
FACT_FIELDS = (
    "name", "number", "description", "plan_class", "plan_art", "legal_status", "ags",
    "municipality_name", "decision_to_prepare_date", "council_decision_date",
    "entry_into_force_date",
)


def area_digest(plan_row: Plan) -> str | None:
    if plan_row.area is None:
        return None
    return hashlib.sha256(bytes(plan_row.area.ewkb)).hexdigest()


def imported_facts(plan_row: Plan) -> dict:
    facts = {}
    for name in FACT_FIELDS:
        value = getattr(plan_row, name)
        facts[name] = value.isoformat() if hasattr(value, "isoformat") else value
    facts["area_sha256"] = area_digest(plan_row)
    return facts


def changed_facts(plan_row: Plan, facts: dict) -> set[str]:
    """Names of the plan's facts (and "area") that differ from what was imported."""
    current = imported_facts(plan_row)
    changed = {name for name in FACT_FIELDS if current.get(name) != facts.get(name)}
    if current["area_sha256"] != facts.get("area_sha256"):
        changed.add("area")
    return changed


def merged_property_orders(features: list[Feature]) -> tuple[dict, dict]:
    """Per class: one property order that keeps every feature's relative order, and the name
    of its geometry property."""
    orders: dict[str, list[str]] = {}
    geometry_properties: dict[str, str] = {}
    for feature in features:
        merged = orders.setdefault(feature.xplan_class, [])
        if feature.geometry_property:
            geometry_properties.setdefault(feature.xplan_class, feature.geometry_property)
        known = set(merged)
        for position, key in enumerate(feature.property_order):
            if key in known:
                continue
            before = [k for k in feature.property_order[:position] if k in known]
            after = [k for k in feature.property_order[position + 1:] if k in known]
            if before:
                merged.insert(merged.index(before[-1]) + 1, key)
            elif after:
                merged.insert(merged.index(after[0]), key)
            else:
                merged.append(key)
            known.add(key)
    return orders, geometry_properties


def record_data(plan: XPlan, *, objects_without_geometry: list[tuple[int, Feature]],
                map_objects: list[Feature], plan_row: Plan) -> dict:
    orders, geometry_properties = merged_property_orders(map_objects)
    return {
        "format": FORMAT,
        "plan": encode(plan, skip=frozenset({"bereiche", "objects"})),
        "bereiche": [encode(bereich) for bereich in plan.bereiche],
        "objects_without_geometry": [
            {"index": index, "feature": encode(feature)} for index, feature in objects_without_geometry
        ],
        "property_orders": orders,
        "geometry_properties": geometry_properties,
        "imported_facts": imported_facts(plan_row),
    }


@dataclass
class RecordContent:
    plan: XPlan
    bereiche: list[Bereich]
    objects_without_geometry: list[tuple[int, Feature]] = field(default_factory=list)
    property_orders: dict[str, list[str]] = field(default_factory=dict)
    geometry_properties: dict[str, str] = field(default_factory=dict)
    imported_facts: dict = field(default_factory=dict)


def read_record(data: dict) -> RecordContent:
    if data.get("format") != FORMAT:
        raise ValueError("unknown format of an XPlanRecord")
    plan = decode(data["plan"])
    bereiche = [decode(item) for item in data.get("bereiche", [])]
    plan.bereiche = bereiche
    return RecordContent(
        plan=plan,
        bereiche=bereiche,
        objects_without_geometry=[
            (item["index"], decode(item["feature"])) for item in data.get("objects_without_geometry", [])
        ],
        property_orders=data.get("property_orders", {}),
        geometry_properties=data.get("geometry_properties", {}),
        imported_facts=data.get("imported_facts", {}),
    )
