"""Map styles of imported XPlanung layers, in the colours German plans use (PlanZV).

A style is what portal/static/portal/js/map.js styleFor() reads: Leaflet path options under
"default", and per style key under "values". Land-use areas are filled (Wohnbau red/pink,
Misch brown/orange, Gewerbe grey, Sonder orange, Gemeinbedarf pink, Grün green, Wald dark
green, Landwirtschaft light green, Wasser blue, Verkehr yellow, Versorgung ochre); objects laid
over them (überbaubare Grundstücksfläche, Kennzeichnungen, Schutzgebiete …) are outlines only,
so the use underneath stays visible. Lines, points and presentation objects are keyed by class.
"""

from .landuse import (
    ALLGEMEINE_ART,
    ALLGEMEINE_PREFIX,
    BESONDERE_ART,
    BUILDING_USE_CLASSES,
    short_class,
)

#: (fill colour, line colour)
_RED = ("#f2a7a7", "#b03a3a")
_BROWN = ("#d9a066", "#8a5a2b")
_GREY = ("#b5b5b5", "#5f5f5f")
_ORANGE = ("#f6bf6b", "#b9770e")

BESONDERE_ART_COLOURS = {
    "1000": ("#f7c6c6", "#b03a3a"),  # WS Kleinsiedlungsgebiet
    "1100": ("#e88b8b", "#9e2a2a"),  # WR reines Wohngebiet
    "1200": _RED,  # WA allgemeines Wohngebiet
    "1300": ("#f0b3a0", "#a8503a"),  # WB besonderes Wohngebiet
    "1400": ("#dcc08f", "#8a6a2b"),  # MD Dorfgebiet
    "1450": ("#e2c89b", "#8a6a2b"),  # MDW dörfliches Wohngebiet
    "1500": _BROWN,  # MI Mischgebiet
    "1550": ("#d39256", "#85501f"),  # MU urbanes Gebiet
    "1600": ("#c08355", "#6e4420"),  # MK Kerngebiet
    "1700": _GREY,  # GE Gewerbegebiet
    "1800": ("#929292", "#3f3f3f"),  # GI Industriegebiet
    "2000": _ORANGE,  # SO Erholung
    "2100": _ORANGE,  # SO sonstiges
    "3000": ("#f7d08f", "#b9770e"),  # SO Wochenendhausgebiet
    "4000": _ORANGE,  # Sondergebiet
    "9999": ("#e0e0e0", "#6b6b6b"),
}
ALLGEMEINE_ART_COLOURS = {
    "1000": _RED,  # W Wohnbaufläche
    "2000": _BROWN,  # M gemischte Baufläche
    "3000": _GREY,  # G gewerbliche Baufläche
    "4000": _ORANGE,  # S Sonderbaufläche
    "9999": ("#e0e0e0", "#6b6b6b"),
}

#: Land-use classes (without prefix) -> colours; these are filled.
LAND_USE_COLOURS = {
    "BaugebietsTeilFlaeche": _RED,
    "BebauungsFlaeche": _RED,
    "BaugebietsFlaeche": _RED,
    "WohngebaeudeFlaeche": _RED,
    "GemeinbedarfsFlaeche": ("#f5a8cf", "#a0306a"),
    "Gemeinbedarf": ("#f5a8cf", "#a0306a"),
    "SpielSportanlagenFlaeche": ("#bfe3a8", "#3f7f2a"),
    "SpielSportanlage": ("#bfe3a8", "#3f7f2a"),
    "GruenFlaeche": ("#a5d98f", "#2e7d32"),
    "Gruen": ("#a5d98f", "#2e7d32"),
    "WaldFlaeche": ("#6fae5f", "#1f5e1a"),
    "LandwirtschaftsFlaeche": ("#e4edb5", "#7c8a2e"),
    "Landwirtschaft": ("#e4edb5", "#7c8a2e"),
    "StrassenVerkehrsFlaeche": ("#ffe680", "#a88f00"),
    "VerkehrsflaecheBesondererZweckbestimmung": ("#fff0a8", "#a88f00"),
    "VerkehrsFlaeche": ("#ffe680", "#a88f00"),
    "Strassenverkehr": ("#ffe680", "#a88f00"),
    "Schienenverkehrsrecht": ("#e6d98a", "#7a6a00"),
    "Luftverkehrsrecht": ("#ece3a8", "#7a6a00"),
    "GewaesserFlaeche": ("#9cc9f0", "#1f6fb2"),
    "Gewaesser": ("#9cc9f0", "#1f6fb2"),
    "WasserwirtschaftsFlaeche": ("#b7d8f5", "#1f6fb2"),
    "Wasserwirtschaft": ("#b7d8f5", "#1f6fb2"),
    "VerEntsorgung": ("#f7d48a", "#a06f00"),
    "FlaecheOhneFestsetzung": ("#f4f4f4", "#8a8a8a"),
    "FlaecheOhneDarstellung": ("#f4f4f4", "#8a8a8a"),
    "KeineNutzung": ("#f4f4f4", "#8a8a8a"),
}
#: Outline colours of a few overlay classes; others get OVERLAY_COLOUR.
OVERLAY_COLOURS = {
    "UeberbaubareGrundstuecksFlaeche": "#1f4fb2",
    "Denkmalschutzrecht": "#8b1a1a",
    "KennzeichnungsFlaeche": "#6a1b9a",
    "Kennzeichnung": "#6a1b9a",
    "SchutzPflegeEntwicklung": "#2e7d32",
    "SchutzPflegeEntwicklungsFlaeche": "#2e7d32",
    "SchutzBestimmterTeileVonNaturUndLandschaft": "#2e7d32",
    "AnpflanzungBindungErhaltung": "#2e7d32",
}
OVERLAY_COLOUR = "#5e35b1"
LINE_COLOURS = {
    "BauGrenze": ("#1f4fb2", "8 4"),
    "BauLinie": ("#b03a3a", None),
    "StrassenbegrenzungsLinie": ("#2e7d32", None),
    "NutzungsartenGrenze": ("#333333", "2 4"),
    "FirstRichtungsLinie": ("#6d4c41", "6 3"),
}


def _fill(colours: tuple[str, str]) -> dict:
    fill, line = colours
    return {"fillColor": fill, "color": line, "fillOpacity": 0.6, "weight": 1, "fill": True}


def is_land_use(xplan_class: str, attributes: dict) -> bool:
    """A filled land-use area: a known use class, unless it says it is no Flächenschluss object."""
    if str(attributes.get("flaechenschluss", "")).lower() == "false":
        return False
    return short_class(xplan_class) in LAND_USE_COLOURS


def area_style(xplan_class: str, *, filled: bool, attribute: str | None, keys: set[str]) -> dict:
    """Style of the area layer of one class; `keys` are the style keys of its features."""
    name = short_class(xplan_class)
    if not filled:
        colour = OVERLAY_COLOURS.get(name, OVERLAY_COLOUR)
        return {
            "attribute": attribute,
            "default": {"color": colour, "weight": 2, "fill": True, "fillOpacity": 0.0,
                        "dashArray": "6 4"},
            "values": {},
        }
    style = {"attribute": attribute, "default": _fill(LAND_USE_COLOURS[name]), "values": {}}
    if name in BUILDING_USE_CLASSES or name == "WohngebaeudeFlaeche":
        for key in sorted(keys):
            if key.startswith(ALLGEMEINE_PREFIX):
                colours = ALLGEMEINE_ART_COLOURS.get(key[len(ALLGEMEINE_PREFIX):])
            elif attribute == BESONDERE_ART:
                colours = BESONDERE_ART_COLOURS.get(key)
            elif attribute == ALLGEMEINE_ART:
                colours = ALLGEMEINE_ART_COLOURS.get(key)
            else:
                colours = None
            if colours:
                style["values"][key] = _fill(colours)
    return style


def line_style(classes: set[str]) -> dict:
    values = {}
    for xplan_class in sorted(classes):
        colour, dash = LINE_COLOURS.get(short_class(xplan_class), (None, None))
        if colour:
            values[xplan_class] = {"color": colour, **({"dashArray": dash} if dash else {})}
    return {
        "attribute": "class",
        "default": {"color": "#424242", "weight": 2, "fill": False},
        "values": values,
    }


def point_style() -> dict:
    return {
        "attribute": "class",
        "default": {"radius": 4, "color": "#4e342e", "weight": 1, "fillColor": "#a1887f",
                    "fillOpacity": 0.9, "fill": True},
        "values": {},
    }


def presentation_style() -> dict:
    return {
        "attribute": "class",
        "default": {"radius": 3, "color": "#37474f", "weight": 1, "fillColor": "#ffffff",
                    "fillOpacity": 0.9, "fill": True},
        "values": {},
    }


def other_style() -> dict:
    return {
        "attribute": "class",
        "default": {"radius": 4, "color": "#455a64", "weight": 2, "fillOpacity": 0.1},
        "values": {},
    }
