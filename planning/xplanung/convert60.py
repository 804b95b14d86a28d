"""Properties of plans, Bereiche and objects as XPlanGML 6.0 expects them, in schema order.

Plans and Bereiche are rebuilt from their typed facts (which win over the raw attributes, so a
changed name or new dates are written) plus the remaining attributes, renamed from 4.x/5.x to
6.0 where the standard renamed them, and written in the order of the 6.0 schema. Properties
6.0 no longer has are dropped and reported. Content objects keep their properties in document
order (lossless for 6.0 sources; for older sources the known renames are applied).
"""

from django.utils.translation import gettext as _

from .messages import MessageLog
from .migration_tables import AENDERUNGSART, BAUNVO_VERSIONS
from .model import RASTER_CLASSES, Bereich, Code, ExternalReference, Feature, Plan, as_list
from .plan_facts import TYPED_REFERENCE_PROPERTIES, local_ids
from .schema60 import (
    AFTER_BEREICH_LINK,
    BEREICH_ORDER,
    PLAN_ORDER,
    PRESENTATION_CLASSES,
    XP_BEREICH_ORDER,
    XP_PLAN_ORDER,
)

GEOMETRY = object()  # marker: the feature's geometry goes here


#: ProcedureDates field -> 6.0 attribute, per plan class where it differs from BP/FP.
_DATE_ATTRIBUTES = {
    "aufstellungsbeschluss": "aufstellungsbeschlussDatum",
    "auslegung_start": "auslegungsStartDatum",
    "auslegung_end": "auslegungsEndDatum",
    "traegerbeteiligung_start": "traegerbeteiligungsStartDatum",
    "traegerbeteiligung_end": "traegerbeteiligungsEndDatum",
    "entwurfsbeschluss": "entwurfsbeschlussDatum",
    "satzungsbeschluss": "satzungsbeschlussDatum",
    "planbeschluss": "planbeschlussDatum",
    "rechtsverordnung": "rechtsverordnungsDatum",
    "ausfertigung": "ausfertigungsDatum",
    "inkrafttretens": "inkrafttretensDatum",
    "wirksamkeit": "wirksamkeitsDatum",
    "genehmigung": "genehmigungsDatum",
    "aenderungen_bis": "aenderungenBisDatum",
    "untergang": "untergangsDatum",
    "techn_herstell": "technHerstellDatum",
}
_DATE_RENAMES = {
    "RP_Plan": {
        "auslegungsStartDatum": "auslegungStartDatum",
        "auslegungsEndDatum": "auslegungEndDatum",
        "inkrafttretensDatum": "datumDesInkrafttretens",
    },
    "LP_Plan": {
        "traegerbeteiligungsStartDatum": "tOeBbeteiligungsStartDatum",
        "traegerbeteiligungsEndDatum": "tOeBbeteiligungsEndDatum",
        "inkrafttretensDatum": "inkrafttretenDatum",
    },
}
#: Properties replaced by typed facts or converted elsewhere (never copied raw).
_DERIVED = {
    "xPlanGMLVersion",
    "refExternalCodeList",
    "veraenderungssperreDatum",
    "veraenderungssperreBeschlussDatum",
    "veraenderungssperreEndDatum",
    "verlaengerungVeraenderungssperre",
    "rasterBasis",
    "rasterAenderung",
    *TYPED_REFERENCE_PROPERTIES,
}
_RENAMES = {
    "aendert": "aendertPlan",
    "wurdeGeaendertVon": "wurdeGeaendertVonPlan",
    "erstellungsMasstab": "erstellungsMassstab",
    "versionBauNVODatum": ("versionBauNVO", "datum"),
    "versionBauNVOText": ("versionBauNVO", "name"),
    "versionBauGBDatum": ("versionBauGB", "datum"),
    "versionBauGBText": ("versionBauGB", "name"),
    "versionSonstRechtsgrundlageDatum": ("versionSonstRechtsgrundlage", "datum"),
    "versionSonstRechtsgrundlageText": ("versionSonstRechtsgrundlage", "name"),
}
_REFERENCE_ARTS = {"Dokument", "PlanMitGeoreferenz"}


def _code(value: Code | None):
    if value is None:
        return None
    return (
        {"value": value.value, "codeSpace": value.code_space} if value.code_space else value.value
    )


def _linked_plan(value):
    """XP_VerbundenerPlan of 4.x/5.x (rechtscharakter) -> 6.0 (aenderungsArt)."""
    if not isinstance(value, dict) or value.get("_type") != "XP_VerbundenerPlan":
        return value
    if "rechtscharakter" not in value:
        return value
    order = ("planName", "aenderungsArt", "nummer", "aenderungsdatum", "verbundenerPlan")
    art = value["rechtscharakter"]
    source = {**value, "aenderungsArt": AENDERUNGSART.get(art, art) if isinstance(art, str) else art}
    return {"_type": "XP_VerbundenerPlan", **{k: source[k] for k in order if k in source}}


def external_reference_60(reference: ExternalReference, *, spez: bool) -> dict | None:
    if not reference.href or (spez and not reference.type):
        return None
    name = reference.name or reference.href.rstrip("/").rsplit("/", 1)[-1] or reference.href
    value = {"_type": "XP_SpezExterneReferenz" if spez else "XP_ExterneReferenz"}
    for key, item in (
        ("georefURL", reference.georef_url),
        ("art", reference.art if reference.art in _REFERENCE_ARTS else None),
        ("referenzName", name),
        ("referenzURL", reference.href),
        ("referenzMimeType", reference.mime_type),
        ("beschreibung", reference.description),
        ("datum", reference.date),
        ("typ", reference.type if spez else None),
    ):
        if item:
            value[key] = item
    return value


def _renamed(attributes: dict) -> dict:
    values: dict = {}
    for key, value in attributes.items():
        if key in _DERIVED:
            continue
        target = _RENAMES.get(key, key)
        if isinstance(target, tuple):
            holder = values.setdefault(target[0], {"_type": "XP_GesetzlicheGrundlage"})
            if isinstance(holder, dict):
                holder[target[1]] = value
            continue
        if target in ("aendertPlan", "wurdeGeaendertVonPlan"):
            value = [_linked_plan(v) for v in as_list(value)]
        if target == "versionBauNVO" and isinstance(value, str):  # 4.x XP_VersionBauNVO code
            holder = values.setdefault(target, {"_type": "XP_GesetzlicheGrundlage"})
            if value in BAUNVO_VERSIONS and isinstance(holder, dict):
                holder.setdefault("name", BAUNVO_VERSIONS[value])
            continue
        values[target] = value
    return values


def _freeze_60(plan: Plan, values: dict, log: MessageLog) -> None:
    """veraenderungssperre from the typed dates: 6.0 BP_VeraenderungssperreDaten (5.x had a
    boolean plus separate date attributes)."""
    raw = values.pop("veraenderungssperre", None)
    dates = plan.dates
    if not (dates.veraenderungssperre_start and dates.veraenderungssperre_end):
        if raw == "true" or isinstance(raw, dict):
            _dropped(plan, "veraenderungssperre", log)
        return
    previous = raw if isinstance(raw, dict) else {}
    freeze = {
        "_type": "BP_VeraenderungssperreDaten",
        "startDatum": dates.veraenderungssperre_start.isoformat(),
        "endDatum": dates.veraenderungssperre_end.isoformat(),
        "verlaengerung": previous.get("verlaengerung")
        or plan.attributes.get("verlaengerungVeraenderungssperre", "1000"),
    }
    if dates.veraenderungssperre_beschluss:
        freeze["beschlussDatum"] = dates.veraenderungssperre_beschluss.isoformat()
    if previous.get("refBeschluss"):
        freeze["refBeschluss"] = previous["refBeschluss"]
    values["veraenderungssperre"] = freeze


def _dropped(feature: Feature, name: str, log: MessageLog) -> None:
    log.warning(
        "property_dropped",
        _(
            "%(type)s %(id)s: the property “%(name)s” cannot be written in XPlanGML 6.0 and "
            "was left out."
        )
        % {"type": feature.xplan_class, "id": feature.gml_id, "name": name},
        gml_id=feature.gml_id,
    )


def _municipality(m) -> dict:
    value = {"_type": "XP_Gemeinde"}
    for key, item in (
        ("ags", m.ags),
        ("rs", m.rs),
        ("gemeindeName", m.name),
        ("ortsteilName", m.district),
    ):
        if item:
            value[key] = item
    return value


def _ordered(feature: Feature, values: dict, order: list[str], log: MessageLog):
    for key in values:
        if key not in order and values[key] not in (None, [], ""):
            _dropped(feature, key, log)
    return [(key, values[key]) for key in order if values.get(key) not in (None, [], "")]


#: Legal bases 4.x kept on the Bereich and 6.0 keeps on the BP/FP plan.
_LEGAL_BASES = ("versionBauNVO", "versionBauGB", "versionSonstRechtsgrundlage")


def _legal_bases_from_bereiche(plan: Plan, values: dict) -> None:
    """4.x BP_/FP_Bereich versionBauNVO… -> the plan's (when the plan has none)."""
    if plan.xplan_class not in ("BP_Plan", "FP_Plan"):
        return
    for bereich in plan.bereiche:
        moved = _renamed(bereich.attributes)
        for key in _LEGAL_BASES:
            if moved.get(key) and not values.get(key):
                values[key] = moved[key]


def plan_properties(plan: Plan, written_ids: set[str], log: MessageLog):
    values = _renamed(plan.attributes)
    _legal_bases_from_bereiche(plan, values)
    if plan.xplan_class == "BP_Plan":
        if values.get("verfahren") and not plan.bereiche:
            _dropped(plan, "verfahren", log)  # 6.0 keeps it on BP_Bereich; there is none
        values.pop("verfahren", None)
        _freeze_60(plan, values, log)
    renames = _DATE_RENAMES.get(plan.xplan_class, {})
    for field_name, attribute in _DATE_ATTRIBUTES.items():
        attribute = renames.get(attribute, attribute)
        value = getattr(plan.dates, field_name)
        values[attribute] = (
            [d.isoformat() for d in value]
            if isinstance(value, list)
            else value.isoformat()
            if value
            else None
        )
    art_space = plan.plan_art_code_space
    values.update(
        name=plan.name,
        nummer=plan.number,
        beschreibung=plan.description,
        planArt=[{"value": a, "codeSpace": art_space} if art_space else a for a in plan.plan_art],
        sonstPlanArt=_code(plan.sonst_plan_art),
        status=_code(plan.status),
        rechtsstand=plan.legal_status if plan.xplan_class != "SO_Plan" else None,
        gemeinde=[_municipality(m) for m in plan.municipalities],
        planaufstellendeGemeinde=[_municipality(m) for m in plan.planning_municipalities],
        raeumlicherGeltungsbereich=GEOMETRY if plan.geometry is not None else None,
        externeReferenz=[
            ref
            for ref in (
                external_reference_60(r, spez=True)
                for r in plan.external_references
                if "/" not in r.source_property
            )
            if ref
        ],
        bereich=[{"href": f"#{b.gml_id}"} for b in plan.bereiche],
    )
    for key in ("texte", "begruendungsTexte"):
        values[key] = [{"href": f"#{i}"} for i in local_ids(values.get(key)) if i in written_ids]
    if plan.xplan_class == "FP_Plan" and plan.procedure:
        values["verfahren"] = plan.procedure
    return _ordered(plan, values, PLAN_ORDER.get(plan.xplan_class, XP_PLAN_ORDER), log)


def bereich_properties(bereich: Bereich, plan: Plan | None, objects: list[Feature], log):
    values = _renamed(bereich.attributes)
    for key in [k for k in values if k.startswith("inhalt") or k == "nachrichtlich"]:
        del values[key]
    if bereich.xplan_class == "BP_Bereich":
        values["verfahren"] = bereich.procedure or (plan.procedure if plan else None)
    if plan is not None and plan.xplan_class in ("BP_Plan", "FP_Plan"):
        for key in _LEGAL_BASES:  # written on the plan (_legal_bases_from_bereiche)
            values.pop(key, None)
    planinhalt, praesentation = _bereich_contents(bereich, objects)
    values.update(
        nummer=bereich.number or "0",
        name=bereich.name,
        geltungsbereich=GEOMETRY if bereich.geometry is not None else None,
        refScan=[
            ref
            for ref in (
                external_reference_60(
                    ExternalReference(type=None, href=r.href, name=r.name, georef_url=r.georef_url),
                    spez=False,
                )
                for r in bereich.rasters
            )
            if ref
        ],
        planinhalt=[{"href": f"#{i}"} for i in planinhalt],
        praesentationsobjekt=[{"href": f"#{i}"} for i in praesentation],
        gehoertZuPlan={"href": f"#{plan.gml_id}"} if plan else None,
    )
    written = {o.gml_id for o in objects}
    values["texte"] = [{"href": f"#{i}"} for i in local_ids(values.get("texte")) if i in written]
    return _ordered(bereich, values, BEREICH_ORDER.get(bereich.xplan_class, XP_BEREICH_ORDER), log)


def _bereich_contents(bereich: Bereich, objects: list[Feature]) -> tuple[list[str], list[str]]:
    """gml:ids for planinhalt and praesentationsobjekt: the Bereich's own lists first (in their
    order; 4.x inhaltBPlan / nachrichtlich included), then objects that name this Bereich."""
    by_id = {o.gml_id: o for o in objects}
    listed = []
    for key, value in bereich.attributes.items():
        if key in ("planinhalt", "praesentationsobjekt", "nachrichtlich") or key.startswith(
            "inhalt"
        ):
            listed += local_ids(value)
    listed += [o.gml_id for o in objects if bereich.gml_id in o.bereich_ids]
    content, presentation = [], []
    for object_id in dict.fromkeys(listed):
        feature = by_id.get(object_id)
        if feature is None or feature.xplan_class.endswith("_TextAbschnitt"):
            continue
        target = presentation if feature.xplan_class in PRESENTATION_CLASSES else content
        target.append(object_id)
    return content, presentation


def object_properties(feature: Feature, written_bereiche: set[str]):
    """Properties of a content object in document order, with 4.x/5.x links renamed."""
    result = []
    bereich_ids = [b for b in feature.bereich_ids if b in written_bereiche]
    needs_bereich = bool(bereich_ids) and not (
        feature.xplan_class in RASTER_CLASSES or feature.xplan_class.endswith("_TextAbschnitt")
    )
    link = ("gehoertZuBereich", {"href": f"#{bereich_ids[0]}"}) if bereich_ids else None
    for key in feature.property_order:
        if key == feature.geometry_property:
            if feature.geometry is not None:
                result.append((key, GEOMETRY))
            continue
        if key in feature.other_geometries:
            continue
        value = feature.attributes.get(key)
        if key == "gehoertZuBereich":
            needs_bereich = False
        elif key.startswith(("gehoertZu", "gehoertNachrichtlichZu")) and key.endswith("Bereich"):
            if needs_bereich:
                result.append(link)
                needs_bereich = False
            continue
        elif needs_bereich and key in AFTER_BEREICH_LINK:
            result.append(link)
            needs_bereich = False
        result.append((key, value))
    if needs_bereich:
        result.append(link)
    return result
