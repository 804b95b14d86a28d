"""The content objects of a plan, sorted into map layers.

    groups, without_geometry = group_objects(plan.objects)

One layer per class for areas (land-use areas first, coloured by use; overlays after them as
outlines), one for lines, one for points, one for presentation objects (XP_PPO, XP_PTO, …) and
one for anything else (geometry collections). Objects without a geometry (XP_TextAbschnitt,
4.x raster objects) are not map features; they are kept in the plan's XPlanRecord.

Each feature gets its style key (the use code, or its class in the line/point/presentation
layers) and a label: the text of a presentation object (XP_PTO schriftinhalt) that presents it,
else the abbreviation of its use (WA, MI, GE …).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..xplanung import Feature
from ..xplanung.model import as_list
from ..xplanung.plan_facts import local_ids
from ..xplanung.schema60 import PRESENTATION_CLASSES
from . import styles
from .landuse import ALLGEMEINE_ART, ALLGEMEINE_PREFIX, BESONDERE_ART, abbreviation, use_code

AREA, LINES, POINTS, PRESENTATION, OTHER = "areas", "lines", "points", "presentation", "other"
_KIND_ORDER = {AREA: 0, LINES: 1, POINTS: 2, PRESENTATION: 3, OTHER: 4}
LABEL_MAX = 300


@dataclass
class GroupedFeature:
    feature: Feature
    style_key: str = ""
    label: str = ""


@dataclass
class LayerGroup:
    kind: str
    xplan_class: str | None = None  # for area layers
    filled: bool = False
    items: list[GroupedFeature] = field(default_factory=list)
    style: dict = field(default_factory=dict)
    style_attribute: str | None = None

    @property
    def name(self) -> str:
        if self.kind == AREA:
            return self.xplan_class or ""
        return {
            LINES: _("Lines (XPlanung)"),
            POINTS: _("Points (XPlanung)"),
            PRESENTATION: _("Presentation objects (XPlanung)"),
            OTHER: _("Other objects (XPlanung)"),
        }[self.kind]

    @property
    def visible_by_default(self) -> bool:
        return self.kind != PRESENTATION

    @property
    def classes(self) -> list[str]:
        return sorted({item.feature.xplan_class for item in self.items})

    def sort_key(self) -> tuple:
        return (_KIND_ORDER[self.kind], not self.filled, self.xplan_class or "")


def _kind(feature: Feature) -> str:
    if feature.xplan_class in PRESENTATION_CLASSES:
        return PRESENTATION
    geometry_type = feature.geometry.geom_type
    if geometry_type in ("Polygon", "MultiPolygon"):
        return AREA
    if geometry_type in ("LineString", "MultiLineString", "LinearRing"):
        return LINES
    if geometry_type in ("Point", "MultiPoint"):
        return POINTS
    return OTHER


def _text(value) -> str:
    for item in as_list(value):
        if isinstance(item, dict):
            item = item.get("value")
        if isinstance(item, str) and item.strip():
            return item.strip()
    return ""


def presentation_labels(objects: list[Feature]) -> dict[str, str]:
    """gml:id -> the text a presentation object (XP_PTO schriftinhalt) shows for it."""
    labels: dict[str, str] = {}
    for item in objects:
        text = _text(item.attributes.get("schriftinhalt"))
        if not text:
            continue
        labels.setdefault(item.gml_id, text)
        for target in local_ids(item.attributes.get("dientZurDarstellungVon")):
            labels.setdefault(target, text)
    return labels


def _area_keys(group: LayerGroup) -> None:
    """Style keys of an area layer; allgArt codes are prefixed where besondereArt is used too."""
    uses = [use_code(item.feature.xplan_class, item.feature.attributes) for item in group.items]
    attributes = {attribute for attribute, _code in uses if attribute}
    mixed = BESONDERE_ART in attributes and ALLGEMEINE_ART in attributes
    for item, (attribute, code) in zip(group.items, uses, strict=True):
        key = code or ""
        if mixed and attribute == ALLGEMEINE_ART:
            key = ALLGEMEINE_PREFIX + key
        item.style_key = key[:100]
        item.label = item.label or abbreviation(attribute, code)
    for candidate in (BESONDERE_ART, ALLGEMEINE_ART):
        if candidate in attributes:
            group.style_attribute = candidate
            break
    else:
        group.style_attribute = next(iter(sorted(attributes)), None)
    group.style = styles.area_style(
        group.xplan_class or "", filled=group.filled, attribute=group.style_attribute,
        keys={item.style_key for item in group.items if item.style_key},
    )


def group_objects(objects: list[Feature]) -> tuple[list[LayerGroup], list[Feature]]:
    labels = presentation_labels(objects)
    groups: dict[tuple, LayerGroup] = {}
    without_geometry: list[Feature] = []
    for feature in objects:
        if feature.geometry is None or feature.geometry.empty:
            without_geometry.append(feature)
            continue
        kind = _kind(feature)
        if kind == AREA:
            filled = styles.is_land_use(feature.xplan_class, feature.attributes)
            key = (kind, feature.xplan_class, filled)
            group = groups.setdefault(
                key, LayerGroup(kind, xplan_class=feature.xplan_class, filled=filled)
            )
        else:
            group = groups.setdefault((kind,), LayerGroup(kind))
        label = labels.get(feature.gml_id, "")[:LABEL_MAX]
        group.items.append(GroupedFeature(feature, label=label))
    for group in groups.values():
        if group.kind == AREA:
            _area_keys(group)
            continue
        for item in group.items:
            item.style_key = item.feature.xplan_class[:100]
        group.style_attribute = "class"
        group.style = {
            LINES: lambda g: styles.line_style(set(g.classes)),
            POINTS: lambda g: styles.point_style(),
            PRESENTATION: lambda g: styles.presentation_style(),
            OTHER: lambda g: styles.other_style(),
        }[group.kind](group)
    ordered = sorted(groups.values(), key=LayerGroup.sort_key)
    return ordered, without_geometry
