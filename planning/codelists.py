"""XPlanung code lists the portal stores (XPlanung 6.0 codes; names are the German truth).

The plan *kind* used for filtering is derived from the plan class and its planArt codes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanClass(models.TextChoices):
    BP = "BP_Plan", _("Bebauungsplan (BP_Plan)")
    FP = "FP_Plan", _("Flächennutzungsplan (FP_Plan)")
    SO = "SO_Plan", _("Sonstiger Plan (SO_Plan)")
    RP = "RP_Plan", _("Raumordnungsplan (RP_Plan)")
    LP = "LP_Plan", _("Landschaftsplan (LP_Plan)")


class PlanKind(models.TextChoices):
    BEBAUUNGSPLAN = "bebauungsplan", _("Bebauungsplan")
    VORHABENBEZOGEN = "vorhabenbezogen", _("vorhabenbezogener Bebauungsplan")
    FLAECHENNUTZUNGSPLAN = "flaechennutzungsplan", _("Flächennutzungsplan")
    SATZUNG = "satzung", _("sonstige städtebauliche Satzung")
    SONSTIGER = "sonstiger", _("sonstiger Plan")


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

    AUFSTELLUNGSBESCHLUSS = "1000", _("Aufstellungsbeschluss")
    IM_VERFAHREN = "2000", _("im Verfahren")
    FRUEHZ_BEHOERDEN = "2100", _("frühzeitige Behördenbeteiligung")
    FRUEHZ_OEFFENTLICHKEIT = "2200", _("frühzeitige Öffentlichkeitsbeteiligung")
    ENTWURFSBESCHLUSS = "2250", _("Entwurfsbeschluss")
    BEHOERDEN = "2300", _("Behördenbeteiligung")
    AUSLEGUNG = "2400", _("öffentliche Auslegung / Veröffentlichung")
    SATZUNG = "3000", _("Satzung beschlossen / Plan erstellt")
    IN_KRAFT = "4000", _("in Kraft getreten / wirksam")
    TEILWEISE_UNTERGEGANGEN = "4500", _("teilweise untergegangen")
    TEILWEISE_AUFGEHOBEN = "45000", _("teilweise aufgehoben")
    TEILWEISE_AUSSER_KRAFT = "45001", _("teilweise außer Kraft")
    UNTERGEGANGEN = "5000", _("untergegangen")
    AUFGEHOBEN = "50000", _("aufgehoben")
    AUSSER_KRAFT = "50001", _("außer Kraft")


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

    BESCHREIBUNG = "1000", _("Beschreibung")
    BEGRUENDUNG = "1010", _("Begründung")
    LEGENDE = "1020", _("Legende")
    RECHTSPLAN = "1030", _("Rechtsplan (Planzeichnung)")
    PLANGRUNDLAGE = "1040", _("Plangrundlage")
    UMWELTBERICHT = "1050", _("Umweltbericht")
    SATZUNG = "1060", _("Satzung")
    VERORDNUNG = "1065", _("Verordnung")
    KARTE = "1070", _("Karte")
    ERLAEUTERUNG = "1080", _("Erläuterungsbericht")
    ZUSAMMENFASSENDE_ERKLAERUNG = "1090", _("zusammenfassende Erklärung")
    KOORDINATENLISTE = "2000", _("Koordinatenliste")
    GRUNDSTUECKSVERZEICHNIS = "2100", _("Grundstücksverzeichnis")
    PFLANZLISTE = "2200", _("Pflanzliste")
    GRUENORDNUNGSPLAN = "2300", _("Grünordnungsplan")
    ERSCHLIESSUNGSVERTRAG = "2400", _("Erschließungsvertrag")
    DURCHFUEHRUNGSVERTRAG = "2500", _("Durchführungsvertrag")
    STAEDTEBAULICHER_VERTRAG = "2600", _("städtebaulicher Vertrag")
    UMWELTBEZOGENE_STELLUNGNAHMEN = "2700", _("umweltbezogene Stellungnahmen")
    BESCHLUSS = "2800", _("Beschluss")
    VORHABEN_ERSCHLIESSUNGSPLAN = "2900", _("Vorhaben- und Erschließungsplan")
    METADATEN = "3000", _("Metadaten des Plans")
    ENTWICKLUNGSKONZEPT = "3100", _("städtebauliches Entwicklungskonzept Innenentwicklung")
    GENEHMIGUNG = "4000", _("Genehmigung")
    BEKANNTMACHUNG = "5000", _("Bekanntmachung")
    SCHUTZGEBIETSVERORDNUNG = "6000", _("Schutzgebietsverordnung")
    RECHTSVERBINDLICH = "9998", _("sonstiges rechtsverbindliches Dokument")
    INFORMELL = "9999", _("sonstiges Dokument")


#: Documents a plan in force must keep public (§10a(2) BauGB: reasoning and summary declaration).
DOCUMENTS_REQUIRED_IN_FORCE = {DocumentType.BEGRUENDUNG, DocumentType.ZUSAMMENFASSENDE_ERKLAERUNG}
