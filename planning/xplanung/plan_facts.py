"""Typed facts of plans and Bereiche from their attributes, across XPlanGML versions."""

import dataclasses
import datetime
import re

from django.contrib.gis.geos import MultiPolygon
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.keys import normalise_ags, normalise_ars, validate_ags

from .messages import MessageLog
from .model import (
    Bereich,
    Code,
    ExternalReference,
    Feature,
    Municipality,
    Plan,
    ProcedureDates,
    as_list,
)

#: XPlanung date attributes (all versions and plan types) -> ProcedureDates field.
DATE_FIELDS = {
    "aufstellungsbeschlussDatum": "aufstellungsbeschluss",
    "auslegungsStartDatum": "auslegung_start",
    "auslegungStartDatum": "auslegung_start",  # RP_Plan
    "auslegungsEndDatum": "auslegung_end",
    "auslegungEndDatum": "auslegung_end",  # RP_Plan
    "traegerbeteiligungsStartDatum": "traegerbeteiligung_start",
    "tOeBbeteiligungsStartDatum": "traegerbeteiligung_start",  # LP_Plan
    "traegerbeteiligungsEndDatum": "traegerbeteiligung_end",
    "tOeBbeteiligungsEndDatum": "traegerbeteiligung_end",  # LP_Plan
    "entwurfsbeschlussDatum": "entwurfsbeschluss",
    "satzungsbeschlussDatum": "satzungsbeschluss",
    "planbeschlussDatum": "planbeschluss",
    "rechtsverordnungsDatum": "rechtsverordnung",
    "ausfertigungsDatum": "ausfertigung",
    "inkrafttretensDatum": "inkrafttretens",
    "datumDesInkrafttretens": "inkrafttretens",  # RP_Plan
    "inkrafttretenDatum": "inkrafttretens",  # LP_Plan
    "wirksamkeitsDatum": "wirksamkeit",
    "genehmigungsDatum": "genehmigung",
    "aenderungenBisDatum": "aenderungen_bis",
    "untergangsDatum": "untergang",
    "technHerstellDatum": "techn_herstell",
    "veraenderungssperreBeschlussDatum": "veraenderungssperre_beschluss",  # 5.x
    "veraenderungssperreDatum": "veraenderungssperre_start",  # 5.x
    "veraenderungssperreEndDatum": "veraenderungssperre_end",  # 5.x
}
#: 6.0 BP_VeraenderungssperreDaten members -> ProcedureDates field.
_FREEZE_FIELDS = {
    "startDatum": "veraenderungssperre_start",
    "endDatum": "veraenderungssperre_end",
    "beschlussDatum": "veraenderungssperre_beschluss",
}
#: 4.x typed document properties of XP_Plan / BP_Plan -> XP_ExterneReferenzTyp code.
TYPED_REFERENCE_PROPERTIES = {
    "refBeschreibung": "1000",
    "refBegruendung": "1010",
    "refLegende": "1020",
    "refRechtsplan": "1030",
    "refPlangrundlage": "1040",
    "refUmweltbericht": "1050",
    "refSatzung": "1060",
    "refKoordinatenListe": "2000",
    "refGrundstuecksverzeichnis": "2100",
    "refPflanzliste": "2200",
    "refGruenordnungsplan": "2300",
    "rechtsverbindlich": "9998",
    "informell": "9999",
}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def text(value) -> str | None:
    """A simple property value as text (first occurrence; the value of a coded value)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("value")
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def code(value) -> Code | None:
    if isinstance(value, list):
        value = value[0] if value else None
    content = text(value)
    if content is None:
        return None
    space = value.get("codeSpace") if isinstance(value, dict) else None
    return Code(content, space)


def promote(feature: Feature, cls, **facts):
    """A Plan or Bereich carrying all fields of a read Feature plus its typed facts."""
    base = {f.name: getattr(feature, f.name) for f in dataclasses.fields(Feature)}
    return cls(**base, **facts)


def parse_date(value, *, log: MessageLog, feature: Feature, name: str) -> datetime.date | None:
    content = text(value)
    if content is None:
        return None
    match = _DATE.match(content)
    try:
        if not match:
            raise ValueError(content)
        return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        log.warning(
            "date_invalid",
            _(
                "The date “%(value)s” in %(property)s is not a valid date (YYYY-MM-DD); it is ignored."
            )
            % {"value": content[:40], "property": name},
            line=feature.line,
            gml_id=feature.gml_id,
        )
        return None


def procedure_dates(feature: Feature, log: MessageLog) -> ProcedureDates:
    dates = ProcedureDates()
    values = dict.fromkeys(DATE_FIELDS.values())
    for attribute, field_name in DATE_FIELDS.items():
        if attribute in feature.attributes:
            parsed = [
                parse_date(v, log=log, feature=feature, name=attribute)
                for v in as_list(feature.attributes[attribute])
            ]
            values[field_name] = [d for d in parsed if d is not None]
    freeze = feature.attributes.get("veraenderungssperre")
    if isinstance(freeze, dict) and freeze.get("_type"):
        for attribute, field_name in _FREEZE_FIELDS.items():
            if attribute in freeze:
                parsed = parse_date(freeze[attribute], log=log, feature=feature, name=attribute)
                values[field_name] = [parsed] if parsed else []
    for name, found in values.items():
        if found:
            multiple = isinstance(getattr(dates, name), list)
            setattr(dates, name, found if multiple else found[0])
    return dates


def municipality(value, *, log: MessageLog, feature: Feature) -> Municipality | None:
    if not isinstance(value, dict):
        return None
    raw = text(value.get("ags"))
    ags = normalise_ags(raw)
    if raw and ags != raw:
        log.warning(
            "ags_normalised",
            _(
                "The municipality key (AGS) “%(raw)s” has 7 digits; the lost leading zero was "
                "restored: %(ags)s."
            )
            % {"raw": raw, "ags": ags},
            line=feature.line,
            gml_id=feature.gml_id,
        )
    if ags:
        try:
            validate_ags(ags)
        except ValidationError as exc:
            log.warning(
                "ags_invalid",
                _("%(reason)s Check the municipality key of the plan.")
                % {"reason": " ".join(exc.messages)},
                line=feature.line,
                gml_id=feature.gml_id,
            )
    return Municipality(
        ags=ags,
        ags_raw=raw,
        rs=normalise_ars(text(value.get("rs"))),
        name=text(value.get("gemeindeName")),
        district=text(value.get("ortsteilName")),
    )


def external_reference(value, *, type_code, source: str, line) -> ExternalReference | None:
    if not isinstance(value, dict) or not value.get("_type"):
        return None
    mime = value.get("referenzMimeType")
    return ExternalReference(
        type=text(value.get("typ")) or type_code,
        href=text(value.get("referenzURL")),
        name=text(value.get("referenzName")),
        art=text(value.get("art")),
        mime_type=text(mime),
        georef_url=text(value.get("georefURL")),
        description=text(value.get("beschreibung")),
        date=text(value.get("datum")),
        source_property=source,
        line=line,
    )


def plan_references(feature: Feature) -> list[ExternalReference]:
    references = []
    for key in ("externeReferenz", *TYPED_REFERENCE_PROPERTIES):
        for value in as_list(feature.attributes.get(key)):
            reference = external_reference(
                value,
                type_code=TYPED_REFERENCE_PROPERTIES.get(key),
                source=key,
                line=feature.line,
            )
            if reference is not None:
                references.append(reference)
    return references


def build_plan(feature: Feature, log: MessageLog) -> Plan:
    attributes = feature.attributes
    plan_art = [text(v) for v in as_list(attributes.get("planArt")) if text(v)]
    art_space = next(
        (v.get("codeSpace") for v in as_list(attributes.get("planArt")) if isinstance(v, dict)),
        None,
    )
    giver = attributes.get("plangeber")
    plan = promote(
        feature,
        Plan,
        name=text(attributes.get("name")),
        number=text(attributes.get("nummer")),
        description=text(attributes.get("beschreibung")),
        plan_art=plan_art,
        plan_art_code_space=art_space,
        sonst_plan_art=code(attributes.get("sonstPlanArt")),
        legal_status=text(attributes.get("rechtsstand")),
        status=code(attributes.get("status")),
        procedure=text(attributes.get("verfahren")),
        plan_giver=text(giver.get("name")) if isinstance(giver, dict) else None,
        dates=procedure_dates(feature, log),
        external_references=plan_references(feature),
    )
    for key, target in (
        ("gemeinde", plan.municipalities),
        ("planaufstellendeGemeinde", plan.planning_municipalities),
    ):
        for value in as_list(attributes.get(key)):
            found = municipality(value, log=log, feature=feature)
            if found is not None:
                target.append(found)
    if plan.name is None:
        log.warning(
            "plan_without_name",
            _("The plan has no name (xplan:name)."),
            line=feature.line,
            gml_id=feature.gml_id,
        )
    _polygonal_area(plan, log)
    if feature.geometry is None and feature.geometry_property is None:
        log.error(
            "plan_without_area",
            _(
                "The plan %(name)s has no area of validity (raeumlicherGeltungsbereich); it "
                "cannot be shown on the map."
            )
            % {"name": plan.name or feature.gml_id},
            line=feature.line,
            gml_id=feature.gml_id,
        )
    return plan


def _polygonal_area(item: Feature, log: MessageLog) -> None:
    """A Geltungsbereich is an area: Polygon becomes MultiPolygon; lines or points are an
    error (the geometry is dropped)."""
    geometry = item.geometry
    if geometry is None:
        return
    if geometry.geom_type == "Polygon":
        item.geometry = MultiPolygon(geometry, srid=geometry.srid)
    elif geometry.geom_type != "MultiPolygon":
        log.error(
            "area_not_polygonal",
            _("The area of validity (%(property)s) must be an area, but it is a %(type)s.")
            % {"property": item.geometry_property, "type": geometry.geom_type},
            line=item.line,
            gml_id=item.gml_id,
        )
        item.geometry = None


def build_bereich(feature: Feature, log: MessageLog) -> Bereich:
    attributes = feature.attributes
    plan_ids = local_ids(attributes.get("gehoertZuPlan"))
    bereich = promote(
        feature,
        Bereich,
        number=text(attributes.get("nummer")),
        name=text(attributes.get("name")),
        plan_id=plan_ids[0] if plan_ids else None,
        procedure=text(attributes.get("verfahren")),
    )
    _polygonal_area(bereich, log)
    return bereich


def local_ids(value) -> list[str]:
    """gml:ids of local xlink references ("#id") in a property value."""
    return [
        item["href"][1:]
        for item in as_list(value)
        if isinstance(item, dict) and str(item.get("href", "")).startswith("#")
    ]
