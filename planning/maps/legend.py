"""Legends of plan maps, generated from the layers' styles (the same styles the map draws).

    legend = plan_legend(plan_layers)   # [LegendLayer(title, entries=[LegendEntry …])]

An entry per styled value that occurs in the layer, labelled from the XPlanung code lists
(or the style's own "labels" for an uploaded layer, else the value itself), plus one entry in
the layer's default style when some features have no styled value.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gis.models import Feature, LayerKind

from .xplan_labels import code_label, layer_title

BASE_STYLE = {"color": "#004b87", "weight": 1, "fillColor": "#3a7bd5", "fillOpacity": 0.35,
              "fill": True}


@dataclass
class LegendEntry:
    label: str
    shape: str  # "area", "line" or "point"
    stroke: str
    fill: str
    fill_opacity: float
    dash: str


@dataclass
class LegendLayer:
    uid: str
    title: str
    entries: list[LegendEntry] = field(default_factory=list)


def _entry(label: str, options: dict, *, line_layer: bool) -> LegendEntry:
    style = {**BASE_STYLE, **options}
    shape = "line" if line_layer or style.get("fill") is False else (
        "point" if "radius" in style else "area")
    return LegendEntry(
        label=label, shape=shape, stroke=str(style.get("color", "")),
        fill=str(style.get("fillColor", style.get("color", ""))),
        fill_opacity=float(style.get("fillOpacity", 0.35)), dash=str(style.get("dashArray") or ""),
    )


def value_label(style: dict, key: str) -> str:
    """What a style key means, for legends, popups and object lists."""
    own = (style.get("labels") or {}).get(key)
    return str(own) if own else code_label(style.get("attribute"), key)


def layer_legend(layer, present_keys: set[str]) -> LegendLayer:
    style = layer.style or {}
    values = style.get("values") or {}
    default = style.get("default") or {}
    line_layer = default.get("fill") is False
    title = layer_title(layer.name)
    legend = LegendLayer(uid=str(layer.uid), title=title)
    for key in sorted(k for k in values if k in present_keys):
        label = value_label(style, key) or key
        legend.entries.append(_entry(label, {**default, **values[key]}, line_layer=line_layer))
    if not legend.entries or present_keys - set(values):
        label = title if not legend.entries else _("other")
        legend.entries.append(_entry(label, default, line_layer=line_layer))
    return legend


def present_keys(layers) -> dict[int, set[str]]:
    """Layer pk -> the style keys its features carry (one query for all layers)."""
    keys: dict[int, set[str]] = {layer.pk: set() for layer in layers}
    rows = (Feature.objects.filter(layer__in=layers).order_by()
            .values_list("layer_id", "style_key").distinct())
    for layer_id, key in rows:
        keys[layer_id].add(key)
    return keys


def vector_layers(plan_layers) -> list:
    return [pl.layer for pl in plan_layers
            if pl.layer.kind == LayerKind.VECTOR and pl.layer.is_ready]


def plan_legend(plan_layers, keys: dict[int, set[str]] | None = None) -> list[LegendLayer]:
    """Legends of the ready vector layers of `plan_layers` (PlanLayer rows), in map order."""
    layers = vector_layers(plan_layers)
    keys = keys if keys is not None else present_keys(layers)
    return [layer_legend(layer, keys[layer.pk]) for layer in layers]
