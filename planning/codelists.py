"""XPlanung code lists the portal stores (XPlanung 6.0 codes; names are the German truth).

The plan *kind* used for filtering is derived from the plan class and its planArt codes.
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class PlanClass(models.TextChoices):
    BP = "BP_Plan", _("Binding land-use plan (BP_Plan)")
    FP = "FP_Plan", _("Preparatory land-use plan (FP_Plan)")
    SO = "SO_Plan", _("Other plan (SO_Plan)")
    RP = "RP_Plan", _("Regional plan (RP_Plan)")
    LP = "LP_Plan", _("Landscape plan (LP_Plan)")


class PlanKind(models.TextChoices):
    BEBAUUNGSPLAN = "bebauungsplan", _("Binding land-use plan")
    VORHABENBEZOGEN = "vorhabenbezogen", _("Project-related binding land-use plan")
    FLAECHENNUTZUNGSPLAN = "flaechennutzungsplan", _("Preparatory land-use plan")
    SATZUNG = "satzung", _("Other urban planning statute")
    SONSTIGER = "sonstiger", _("Other plan")


BP_PLAN_ART = {
    "1000": "BPlan", "10000": "EinfacherBPlan", "10001": "QualifizierterBPlan",
    "10002": "BebauungsplanZurWohnraumversorgung", "3000": "VorhabenbezogenerBPlan",
    "3100": "VorhabenUndErschliessungsplan", "4000": "InnenbereichsSatzung",
    "40000": "KlarstellungsSatzung", "40001": "EntwicklungsSatzung",
    "40002": "ErgaenzungsSatzung", "5000": "AussenbereichsSatzung",
    "7000": "OertlicheBauvorschrift", "9999": "Sonstiges",
}
FP_PLAN_ART = {
    "1000": "FPlan", "2000": "GemeinsamerFPlan", "3000": "RegFPlan", "4000": "FPlanRegPlan",
    "5000": "SachlicherTeilplan", "9999": "Sonstiges",
}
_BP_STATUTES = {"4000", "40000", "40001", "40002", "5000", "7000"}
_BP_PROJECT = {"3000", "3100"}


def plan_kind(plan_class: str, plan_art: list[str]) -> str:
    codes = set(plan_art or [])
    if plan_class == PlanClass.FP:
        return PlanKind.FLAECHENNUTZUNGSPLAN
    if plan_class == PlanClass.BP:
        if codes & _BP_PROJECT:
            return PlanKind.VORHABENBEZOGEN
        if codes and codes <= _BP_STATUTES:
            return PlanKind.SATZUNG
        return PlanKind.BEBAUUNGSPLAN
    return PlanKind.SONSTIGER


class LegalStatus(models.TextChoices):
    """Rechtsstand (BP/FP, XPlanung 6.0). FP 3000/4000 mean Plan/Wirksamkeit."""

    AUFSTELLUNGSBESCHLUSS = "1000", _("Decision to draw up the plan")
    IM_VERFAHREN = "2000", _("in procedure")
    FRUEHZ_BEHOERDEN = "2100", _("early participation of authorities")
    FRUEHZ_OEFFENTLICHKEIT = "2200", _("early public participation")
    ENTWURFSBESCHLUSS = "2250", _("decision on the draft")
    BEHOERDEN = "2300", _("participation of authorities")
    AUSLEGUNG = "2400", _("public display / publication")
    SATZUNG = "3000", _("adopted as statute / plan completed")
    IN_KRAFT = "4000", _("in force / effective")
    TEILWEISE_UNTERGEGANGEN = "4500", _("partly lapsed")
    TEILWEISE_AUFGEHOBEN = "45000", _("partly repealed")
    TEILWEISE_AUSSER_KRAFT = "45001", _("partly no longer in force")
    UNTERGEGANGEN = "5000", _("lapsed")
    AUFGEHOBEN = "50000", _("repealed")
    AUSSER_KRAFT = "50001", _("no longer in force")


class StatusGroup(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("in preparation")
    IN_FORCE = "in_force", _("in force")
    REPEALED = "repealed", _("repealed")


def status_group(legal_status: str | None) -> str:
    if legal_status in {"4000", "4500", "45000", "45001"}:
        return StatusGroup.IN_FORCE
    if legal_status in {"5000", "50000", "50001"}:
        return StatusGroup.REPEALED
    return StatusGroup.IN_PREPARATION


class DocumentType(models.TextChoices):
    """XP_ExterneReferenzTyp (6.0)."""

    BESCHREIBUNG = "1000", _("Description")
    BEGRUENDUNG = "1010", _("Reasoning")
    LEGENDE = "1020", _("Legend")
    RECHTSPLAN = "1030", _("Legal plan (plan drawing)")
    PLANGRUNDLAGE = "1040", _("Base map")
    UMWELTBERICHT = "1050", _("Environmental report")
    SATZUNG = "1060", _("Statute")
    VERORDNUNG = "1065", _("Ordinance")
    KARTE = "1070", _("Map")
    ERLAEUTERUNG = "1080", _("Explanatory report")
    ZUSAMMENFASSENDE_ERKLAERUNG = "1090", _("Summary declaration")
    KOORDINATENLISTE = "2000", _("List of coordinates")
    GRUNDSTUECKSVERZEICHNIS = "2100", _("List of plots")
    PFLANZLISTE = "2200", _("Planting list")
    GRUENORDNUNGSPLAN = "2300", _("Green space plan")
    ERSCHLIESSUNGSVERTRAG = "2400", _("Development contract")
    DURCHFUEHRUNGSVERTRAG = "2500", _("Implementation contract")
    STAEDTEBAULICHER_VERTRAG = "2600", _("Urban development contract")
    UMWELTBEZOGENE_STELLUNGNAHMEN = "2700", _("Environment-related statements")
    BESCHLUSS = "2800", _("Resolution")
    VORHABEN_ERSCHLIESSUNGSPLAN = "2900", _("Project and infrastructure plan")
    METADATEN = "3000", _("Plan metadata")
    ENTWICKLUNGSKONZEPT = "3100", _("Urban development concept for inner development")
    GENEHMIGUNG = "4000", _("Approval")
    BEKANNTMACHUNG = "5000", _("Public notice")
    SCHUTZGEBIETSVERORDNUNG = "6000", _("Protected area ordinance")
    RECHTSVERBINDLICH = "9998", _("Other legally binding document")
    INFORMELL = "9999", _("Other document")


#: Documents a plan in force must keep public (§10a(2) BauGB: reasoning and summary declaration).
DOCUMENTS_REQUIRED_IN_FORCE = {DocumentType.BEGRUENDUNG, DocumentType.ZUSAMMENFASSENDE_ERKLAERUNG}


#: planArt codes in words (the enumeration names above stay the XPlanGML truth).
PLAN_ART_LABELS = {
    PlanClass.BP: {
        "1000": _("Binding land-use plan"),
        "10000": _("Simple binding land-use plan"),
        "10001": _("Qualified binding land-use plan"),
        "10002": _("Binding land-use plan for housing supply"),
        "3000": _("Project-related binding land-use plan"),
        "3100": _("Project and infrastructure plan"),
        "4000": _("Statute on the built-up area"),
        "40000": _("Clarification statute"),
        "40001": _("Development statute"),
        "40002": _("Supplementary statute"),
        "5000": _("Outer-area statute"),
        "7000": _("Local building regulation"),
        "9999": _("Other plan type"),
    },
    PlanClass.FP: {
        "1000": _("Preparatory land-use plan"),
        "2000": _("Joint preparatory land-use plan"),
        "3000": _("Regional preparatory land-use plan"),
        "4000": _("Preparatory land-use plan with regional planning content"),
        "5000": _("Thematic sub-plan"),
        "9999": _("Other plan type"),
    },
}


def plan_art_label(plan_class: str, code: str):
    """"Simple binding land-use plan (10000)" in the active language; unknown codes as is."""
    label = PLAN_ART_LABELS.get(plan_class, {}).get(code)
    return code if label is None else format_lazy("{label} ({code})", label=label, code=code)


def plan_art_choices(plan_class: str) -> list[tuple[str, object]]:
    return [(code, plan_art_label(plan_class, code)) for code in PLAN_ART_LABELS[plan_class]]
