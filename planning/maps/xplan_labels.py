"""Labels of XPlanung classes and of the codes imported features are styled by.

Class titles cover the classes the importer groups into their own layers (land-use areas and
overlays) and the line/point classes a legend shows; an unknown class keeps its name without
the BP_/FP_/SO_ prefix. Code labels are XP_BesondereArtDerBaulNutzung and
XP_AllgArtDerBaulNutzung (XPlanung 6.0), with the BauNVO abbreviation.
"""

import re

from django.utils.translation import gettext_lazy as _

from ..xplan_import.landuse import (
    ALLGEMEINE_ART,
    ALLGEMEINE_ART_CODES,
    ALLGEMEINE_PREFIX,
    BESONDERE_ART,
    BESONDERE_ART_CODES,
    short_class,
)

XPLAN_CLASS = re.compile(r"^(BP|FP|SO|RP|LP|XP)_[A-Za-z0-9]+$")

#: Class (without prefix) -> title.
CLASS_TITLES = {
    "BaugebietsTeilFlaeche": _("Building area (type of building use)"),
    "BebauungsFlaeche": _("Building land (type of building use)"),
    "BaugebietsFlaeche": _("Building area"),
    "WohngebaeudeFlaeche": _("Area for residential buildings"),
    "UeberbaubareGrundstuecksFlaeche": _("Buildable plot area"),
    "NichtUeberbaubareGrundstuecksflaeche": _("Non-buildable plot area"),
    "GemeinbedarfsFlaeche": _("Area for community facilities"),
    "Gemeinbedarf": _("Area for community facilities"),
    "SpielSportanlagenFlaeche": _("Area for play and sports facilities"),
    "SpielSportanlage": _("Area for play and sports facilities"),
    "GruenFlaeche": _("Green space"),
    "Gruen": _("Green space"),
    "WaldFlaeche": _("Woodland"),
    "LandwirtschaftsFlaeche": _("Agricultural land"),
    "Landwirtschaft": _("Agricultural land"),
    "StrassenVerkehrsFlaeche": _("Road traffic area"),
    "VerkehrsflaecheBesondererZweckbestimmung": _("Traffic area with a special purpose"),
    "VerkehrsFlaeche": _("Traffic area"),
    "Strassenverkehr": _("Road traffic area"),
    "Schienenverkehrsrecht": _("Railway (adopted from other law)"),
    "Luftverkehrsrecht": _("Air traffic (adopted from other law)"),
    "GewaesserFlaeche": _("Water body"),
    "Gewaesser": _("Water body"),
    "WasserwirtschaftsFlaeche": _("Area for water management"),
    "Wasserwirtschaft": _("Area for water management"),
    "VerEntsorgung": _("Area for utilities and disposal"),
    "FlaecheOhneFestsetzung": _("Area without designation"),
    "FlaecheOhneDarstellung": _("Area without designation"),
    "KeineNutzung": _("Area without use"),
    "Denkmalschutzrecht": _("Monument protection"),
    "KennzeichnungsFlaeche": _("Marked area"),
    "Kennzeichnung": _("Marked area"),
    "SchutzPflegeEntwicklung": _("Protection, care and development of nature"),
    "SchutzPflegeEntwicklungsFlaeche": _("Protection, care and development of nature"),
    "SchutzBestimmterTeileVonNaturUndLandschaft": _("Protected part of nature and landscape"),
    "AnpflanzungBindungErhaltung": _("Planting and preservation of vegetation"),
    "BauGrenze": _("Building limit"),
    "BauLinie": _("Building line"),
    "StrassenbegrenzungsLinie": _("Road boundary line"),
    "NutzungsartenGrenze": _("Boundary between types of use"),
    "FirstRichtungsLinie": _("Roof ridge direction"),
    "BereichOhneEinAusfahrtLinie": _("Area without entrance or exit"),
    "EinfahrtPunkt": _("Entrance"),
    "PPO": _("Presentation symbol"),
    "PTO": _("Text on the map"),
    "LPO": _("Presentation line"),
    "FPO": _("Presentation area"),
    "LTO": _("Text along a line"),
    "Nutzungsschablone": _("Use template"),
    "GenerischesObjekt": _("Other plan content"),
}

#: XP_BesondereArtDerBaulNutzung -> label (the abbreviation is added).
BESONDERE_ART_LABELS = {
    "1000": _("Small settlement area"),
    "1100": _("Exclusively residential area"),
    "1200": _("General residential area"),
    "1300": _("Special residential area"),
    "1400": _("Village area"),
    "1450": _("Village residential area"),
    "1500": _("Mixed area"),
    "1550": _("Urban area"),
    "1600": _("Core area"),
    "1700": _("Commercial area"),
    "1800": _("Industrial area"),
    "2000": _("Special area for recreation"),
    "2100": _("Other special area"),
    "3000": _("Weekend house area"),
    "4000": _("Special area"),
    "9999": _("Other area"),
}
#: XP_AllgArtDerBaulNutzung -> label.
ALLGEMEINE_ART_LABELS = {
    "1000": _("Residential building land"),
    "2000": _("Mixed building land"),
    "3000": _("Commercial building land"),
    "4000": _("Special building land"),
    "9999": _("Other building land"),
}


def is_xplan_class(name: str) -> bool:
    return bool(XPLAN_CLASS.match(name or ""))


def class_title(xplan_class: str) -> str:
    """BP_UeberbaubareGrundstuecksFlaeche -> "Überbaubare Grundstücksfläche" (German)."""
    short = short_class(xplan_class)
    title = CLASS_TITLES.get(short)
    return str(title) if title else short


def layer_title(name: str) -> str:
    """The title of a layer: class names of imported layers become human titles."""
    return class_title(name) if is_xplan_class(name) else name


def _with_abbreviation(label, abbreviation: str) -> str:
    return f"{label} ({abbreviation})" if abbreviation else str(label)


def code_label(attribute: str | None, key: str) -> str:
    """The label of a style key of `attribute`, or "" when it is no known code.

    Keys of the line/point/presentation layers are class names (attribute "class")."""
    if not key:
        return ""
    if key.startswith(ALLGEMEINE_PREFIX):
        attribute, key = ALLGEMEINE_ART, key[len(ALLGEMEINE_PREFIX):]
    if attribute == BESONDERE_ART and key in BESONDERE_ART_LABELS:
        return _with_abbreviation(BESONDERE_ART_LABELS[key], BESONDERE_ART_CODES.get(key, ""))
    if attribute == ALLGEMEINE_ART and key in ALLGEMEINE_ART_LABELS:
        return _with_abbreviation(ALLGEMEINE_ART_LABELS[key], ALLGEMEINE_ART_CODES.get(key, ""))
    if attribute == "class" and is_xplan_class(key):
        return class_title(key)
    return ""
