"""The layers of a plan for its map: one combined vector tile source plus raster layers.

    config, legend = plan_map(plan_layers)

Every ready vector layer of the plan is drawn from one tile source
(/tiles/layersets/{z}/{x}/{y}.pbf?layers=…, gis/views/layer_sets.py): the map asks for the
visible layers only, with one request per tile position whatever their number, and asks again
with the new set when a layer is switched on (hidden layers are loaded lazily). Each layer
carries its human title and the labels of its style keys for popups.
"""

from gis.models import IngestStatus, LayerKind
from gis.views.layers import layer_summary

from .legend import LegendLayer, plan_legend, present_keys, value_label, vector_layers
from .xplan_labels import layer_title

LAYER_SET_TILES = "/tiles/layersets/{z}/{x}/{y}.pbf"


def plan_map(plan_layers, *, visible_flags: bool = True) -> tuple[dict, list[LegendLayer]]:
    """Map configuration ("layers", "layerSetTiles") and the legend of `plan_layers`."""
    ready = [pl for pl in plan_layers if pl.layer.status == IngestStatus.DONE]
    keys = present_keys(vector_layers(ready))
    legend = plan_legend(ready, keys)
    layers = []
    for pl in ready:
        summary = layer_summary(pl.layer)
        summary["name"] = layer_title(pl.layer.name)
        if visible_flags:
            summary["visible"] = pl.visible_by_default
        if pl.layer.kind == LayerKind.VECTOR:
            style = pl.layer.style or {}
            summary["tile_layer"] = str(pl.layer.uid)
            labels = {key: value_label(style, key) for key in sorted(keys[pl.layer.pk])}
            summary["labels"] = {key: label for key, label in labels.items() if label}
        layers.append(summary)
    return {"layers": layers, "layerSetTiles": LAYER_SET_TILES}, legend
