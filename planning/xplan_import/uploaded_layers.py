"""Layers uploaded in the portal (GeoJSON, Shapefile …) as XPlanung objects of the export.

Their features carry no XPlanung class: they are written as BP_GenerischesObjekt /
FP_GenerischesObjekt ("content no other XPlanung class can represent"), each attribute of the
file as an XP_StringAttribut (hatGenerAttribut), the layer's name as `text`, the legal
character as 9998 (unknown: the portal cannot know it). A plan without Bereich gets one
(number 0, the Geltungsbereich) to hold them, as 6.0 requires gehoertZuBereich.
"""

import uuid

from django.contrib.gis.db.models.functions import Transform

from gis.models import Feature as FeatureRow
from gis.models import LayerKind
from gis.srid import storage_srid

from ..codelists import PlanClass
from ..models import Plan
from ..xplanung import Bereich, Feature
from ..xplanung import Plan as XPlan

GENERIC_CLASSES = {PlanClass.BP: "BP_GenerischesObjekt", PlanClass.FP: "FP_GenerischesObjekt"}
UNKNOWN_LEGAL_CHARACTER = "9998"
PROPERTY_ORDER = ["text", "hatGenerAttribut", "rechtscharakter", "position"]


def _stable_id(*parts) -> str:
    return "GML_" + str(uuid.uuid5(uuid.NAMESPACE_URL, "|".join(str(p) for p in parts)))


def _ensure_bereich(xplan: XPlan, plan: Plan) -> Bereich:
    if xplan.bereiche:
        return xplan.bereiche[0]
    bereich = Bereich(
        xplan_class=xplan.xplan_class.replace("_Plan", "_Bereich"),
        gml_id=_stable_id("bereich", plan.uid), number="0", name=plan.name[:200],
        plan_id=xplan.gml_id, geometry=xplan.geometry, geometry_property="geltungsbereich",
    )
    xplan.bereiche.append(bereich)
    return bereich


def _generic_attributes(attributes: dict) -> list[dict]:
    return [
        {"_type": "XP_StringAttribut", "name": str(name)[:200], "wert": str(value)[:2000]}
        for name, value in attributes.items()
        if value is not None and str(value) != "" and not isinstance(value, dict | list)
    ]


def uploaded_objects(plan: Plan, xplan: XPlan, srid: int) -> list[Feature]:
    """The features of the plan's uploaded vector layers as XPlanung objects (in `srid`)."""
    generic_class = GENERIC_CLASSES.get(plan.plan_class)
    if generic_class is None:
        return []
    rows = (FeatureRow.objects.filter(layer__plan_link__plan=plan, layer__kind=LayerKind.VECTOR,
                                      feature_class="")
            .select_related("layer").order_by("layer__plan_link__order", "source_index", "pk"))
    if srid != storage_srid():
        rows = rows.annotate(source_geometry=Transform("geometry", srid))
    rows = list(rows)
    if not rows:
        return []
    bereich = _ensure_bereich(xplan, plan)
    objects = []
    for row in rows:
        objects.append(Feature(
            xplan_class=generic_class, gml_id=_stable_id("object", row.layer.uid, row.pk),
            attributes={
                "text": row.layer.name, "hatGenerAttribut": _generic_attributes(row.attributes),
                "rechtscharakter": UNKNOWN_LEGAL_CHARACTER,
            },
            property_order=list(PROPERTY_ORDER), geometry_property="position",
            geometry=getattr(row, "source_geometry", None) or row.geometry,
            bereich_ids=[bereich.gml_id], plan_ids=[xplan.gml_id],
        ))
    return objects
