"""Land-use codes of XPlanung objects: which attribute carries the use, its code and abbreviation.

The style key of an imported feature is its use code: besondereArtDerBaulNutzung (the
Baugebiet, e.g. 1200 = WA) where given, else allgArtDerBaulNutzung (the Bauflaeche, e.g.
1000 = W), else the first zweckbestimmung. Codes are XPlanung's (XP_BesondereArtDerBaulNutzung,
XP_AllgArtDerBaulNutzung); the abbreviations are those of the BauNVO / PlanZV.
"""

from ..xplanung.model import as_list

BESONDERE_ART = "besondereArtDerBaulNutzung"
ALLGEMEINE_ART = "allgArtDerBaulNutzung"
ZWECKBESTIMMUNG = "zweckbestimmung"
#: Prefix of a style key taken from allgArtDerBaulNutzung in a layer whose other
#: features carry besondereArtDerBaulNutzung (the two code lists overlap: 2000 is
#: "gemischte Baufläche" in one and "Sondergebiet Erholung" in the other).
ALLGEMEINE_PREFIX = "allg:"

#: XP_BesondereArtDerBaulNutzung -> abbreviation.
BESONDERE_ART_CODES = {
    "1000": "WS", "1100": "WR", "1200": "WA", "1300": "WB", "1400": "MD", "1450": "MDW",
    "1500": "MI", "1550": "MU", "1600": "MK", "1700": "GE", "1800": "GI", "2000": "SO",
    "2100": "SO", "3000": "SO", "4000": "SO", "9999": "",
}
#: XP_AllgArtDerBaulNutzung -> abbreviation.
ALLGEMEINE_ART_CODES = {"1000": "W", "2000": "M", "3000": "G", "4000": "S", "9999": ""}

#: Classes (without their BP_/FP_/SO_ prefix) whose use is a kind of building use.
BUILDING_USE_CLASSES = frozenset({"BaugebietsTeilFlaeche", "BebauungsFlaeche", "BaugebietsFlaeche"})


def short_class(xplan_class: str) -> str:
    """BP_GruenFlaeche -> GruenFlaeche."""
    return xplan_class.split("_", 1)[1] if "_" in xplan_class else xplan_class


def code_of(value) -> str | None:
    """The first code of a property value: "1000", {"value": "1000", ...}, a complex purpose
    (6.0: {"_type": "BP_KomplexeZweckbestGruen", "allgemein": "1000"}) or a list of them."""
    for item in as_list(value):
        if isinstance(item, dict) and "_type" in item:
            item = code_of(item.get("allgemein") or item.get("besonders"))
        elif isinstance(item, dict):
            item = item.get("value")
        if isinstance(item, str) and item.strip():
            return item.strip()
    return None


def use_code(xplan_class: str, attributes: dict) -> tuple[str | None, str | None]:
    """(attribute, code) of the object's use, or (None, None)."""
    if short_class(xplan_class) in BUILDING_USE_CLASSES or BESONDERE_ART in attributes:
        for attribute in (BESONDERE_ART, ALLGEMEINE_ART):
            code = code_of(attributes.get(attribute))
            if code:
                return attribute, code
    code = code_of(attributes.get(ZWECKBESTIMMUNG))
    if code:
        return ZWECKBESTIMMUNG, code
    return None, None


def abbreviation(attribute: str | None, code: str | None) -> str:
    if attribute == BESONDERE_ART:
        return BESONDERE_ART_CODES.get(code or "", "")
    if attribute == ALLGEMEINE_ART:
        return ALLGEMEINE_ART_CODES.get(code or "", "")
    return ""


def is_known(attribute: str | None, code: str | None) -> bool:
    """False for a building-use code that is not in XPlanung's code list."""
    if attribute == BESONDERE_ART:
        return code in BESONDERE_ART_CODES
    if attribute == ALLGEMEINE_ART:
        return code in ALLGEMEINE_ART_CODES
    return True
