"""The 4.x/5.x -> 6.0 tables of the migration (migrate60.py): successor classes, moved
properties and renumbered code lists, from the published 4.1, 5.4 and 6.0 schemas (their
enumeration documentation) and the XLeitstelle's change list for 6.0.
"""

from .schema60 import CLASS_RENAMES

#: Feature classes 6.0 removed -> the 6.0 class that took their content over.
SUCCESSOR_CLASSES = {
    "BP_StrassenVerkehrsFlaeche": "SO_Strassenverkehr",
    "BP_VerkehrsflaecheBesondererZweckbestimmung": "SO_Strassenverkehr",
    "FP_Strassenverkehr": "SO_Strassenverkehr",
    "SO_Strassenverkehrsrecht": "SO_Strassenverkehr",
    "BP_GewaesserFlaeche": "SO_Gewaesser",
    "FP_Gewaesser": "SO_Gewaesser",
    "BP_WasserwirtschaftsFlaeche": "SO_Wasserwirtschaft",
    "FP_Wasserwirtschaft": "SO_Wasserwirtschaft",
    "BP_DenkmalschutzEinzelanlage": "SO_Denkmalschutzrecht",
    "BP_DenkmalschutzEnsembleFlaeche": "SO_Denkmalschutzrecht",
    "BP_Landwirtschaft": "BP_LandwirtschaftsFlaeche",
    "FP_LandwirtschaftsFlaeche": "FP_Landwirtschaft",
    "FP_AbgrabungsFlaeche": "FP_Abgrabung",
    "FP_AufschuettungsFlaeche": "FP_Aufschuettung",
    "FP_NutzungsbeschraenkungsFlaeche": "FP_Nutzungsbeschraenkung",
    "BP_AbweichungVonUeberbaubererGrundstuecksFlaeche": (
        "BP_AbweichungVonUeberbaubarerGrundstuecksFlaeche"
    ),
    "BP_FirstRichtungsLinie": "BP_GebaeudeStellung",
    "BP_Sichtflaeche": "SO_Sichtflaeche",
    "SO_Bauverbotszone": "SO_Baubeschraenkung",
    "BP_Schutzgebiet": "LP_SchutzBestimmterTeileVonNaturUndLandschaft",
    "SO_SchutzgebietNaturschutzrecht": "LP_SchutzBestimmterTeileVonNaturUndLandschaft",
}

#: Values the successor class requires, implied by the old class.
SUCCESSOR_VALUES = {
    "BP_VerkehrsflaecheBesondererZweckbestimmung": {"hatDarstellungMitBesondZweckbest": "true"},
    "BP_StrassenVerkehrsFlaeche": {"hatDarstellungMitBesondZweckbest": "false"},
    "FP_Strassenverkehr": {"hatDarstellungMitBesondZweckbest": "false"},
    "SO_Strassenverkehrsrecht": {"hatDarstellungMitBesondZweckbest": "false"},
}


def class_in_60(name: str) -> str:
    """The class an object of class `name` (any version) has once written as 6.0."""
    renamed = CLASS_RENAMES.get(name, name)
    return SUCCESSOR_CLASSES.get(renamed, renamed)


#: Properties renamed on the way to the successor class.
MOVED_PROPERTIES = {
    "BP_GewaesserFlaeche": {"zweckbestimmung": "artDerFestlegung"},
    "FP_Gewaesser": {"zweckbestimmung": "artDerFestlegung"},
    "BP_VerkehrsflaecheBesondererZweckbestimmung": {"zweckbestimmung": "artDerFestlegung"},
}

_WATER = {"1000": "4000", "10000": "40000", "1100": "3000", "1200": "2000", "9999": "9999"}
_TRAFFIC = {
    "1000": "16000", "1100": "14002", "1200": "14000", "1300": "14003", "1400": "14004",
    "1500": "14005", "1550": "14006", "1560": "14007", "1580": "140012", "1600": "16001",
    "1700": "140010", "1800": "140011", "2000": "16002", "2100": "14001", "2200": "14014",
    "2300": "140013", "2400": "14015", "2500": "14008", "2600": "14009", "3000": "16005",
    "3100": "16006", "3200": "16003", "3300": "16004", "3400": "3400", "3500": "3500",
    "9999": "9999",
}  # fmt: skip

#: (4.x/5.x class, property) -> {old code: 6.0 code}.
CODE_MAPS = {
    ("BP_GewaesserFlaeche", "artDerFestlegung"): _WATER,
    ("FP_Gewaesser", "artDerFestlegung"): _WATER,
    ("BP_VerkehrsflaecheBesondererZweckbestimmung", "artDerFestlegung"): _TRAFFIC,
}

#: BP_/FP_/SO_Rechtscharakter of 4.x/5.x -> XP_Rechtscharakter of 6.0, by the class prefix.
RECHTSCHARAKTER_BY_PREFIX = {
    # Festsetzung, NachrichtlicheUebernahme, Hinweis, Vermerk, Kennzeichnung, Unbekannt
    "BP": {"1000": "1000", "2000": "2000", "3000": "6000", "4000": "8000", "5000": "7000"},
    # Darstellung, NachrichtlicheUebernahme, Hinweis, Vermerk, Kennzeichnung, Unbekannt
    "FP": {"1000": "3000", "2000": "2000", "3000": "6000", "4000": "8000", "5000": "7000"},
    # FestsetzungBPlan, DarstellungFPlan, InhaltLPlan, NachrichtlicheUebernahme, Hinweis,
    # Vermerk, Kennzeichnung, Unbekannt, Sonstiges
    "SO": {
        "1000": "1000",
        "1500": "3000",
        "1800": "5200",
        "2000": "2000",
        "3000": "6000",
        "4000": "8000",
        "5000": "7000",
    },  # fmt: skip
}

#: XP_RechtscharakterPlanaenderung (4.x/5.x) -> XP_Aenderungsarten (6.0).
AENDERUNGSART = {"1000": "1000", "1100": "10001", "2000": "2000", "20000": "2000", "20001": "3000"}

#: XP_VersionBauNVO of 4.x (a code on the Bereich) -> the name of 6.0's XP_GesetzlicheGrundlage
#: (9999 "other" is described by versionBauNVOText, which becomes the name itself).
BAUNVO_VERSIONS = {
    "1000": "BauNVO 1962",
    "2000": "BauNVO 1968",
    "3000": "BauNVO 1977",
    "4000": "BauNVO 1990",
}

#: Required 6.0 properties an older object may lack: the value that says "unknown".
REQUIRED_DEFAULTS = {"rechtscharakter": "9998"}
