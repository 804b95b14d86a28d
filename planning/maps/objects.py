"""How a plan object (a feature of a plan layer) is named in lists, popups and receipts."""

from .legend import value_label
from .xplan_labels import class_title, layer_title


def feature_text(*, layer_name: str, label: str, feature_class: str, key: str,
                 style: dict | None) -> str:
    """E.g. "Baugebietsteilfläche – Allgemeines Wohngebiet (WA)", never a bare code."""
    meaning = value_label(style or {}, key) if key else ""
    name = label or (class_title(feature_class) if feature_class else "")
    if meaning and name and (name in meaning or meaning in name):
        name = "" if name in meaning else name
        meaning = "" if name else meaning
    return " – ".join(part for part in (layer_title(layer_name), name, meaning) if part)


def feature_choices(rows) -> list[tuple[int, str]]:
    """(pk, text) from rows of (pk, label, feature_class, style_key, layer name, layer style)."""
    return [(pk, feature_text(layer_name=layer, label=label, feature_class=cls, key=key,
                              style=style))
            for pk, label, cls, key, layer, style in rows]


def describe_feature(feature) -> str:
    """The text of one plan object (a gis Feature with its layer) for receipts and results."""
    layer = feature.layer
    return feature_text(layer_name=layer.name, label=feature.label,
                        feature_class=feature.feature_class, key=feature.style_key,
                        style=layer.style) or feature.external_id
