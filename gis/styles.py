"""Styles of uploaded vector layers: a colour per value of the chosen style attribute.

A style is what portal/static/portal/js/map.js styleFor() reads: Leaflet path options under
"default" and per style key under "values". An upload names only the attribute; after the
ingest every distinct value (up to len(PALETTE)) gets its own colour, so the attribute takes
effect on the map and in the legend. Values the uploader styled already keep their style.
"""

#: Distinguishable colours (Okabe–Ito, then Tableau 10), (fill, line).
PALETTE = [
    ("#e69f00", "#8a5f00"), ("#56b4e9", "#1f6f9e"), ("#009e73", "#005c43"),
    ("#f0e442", "#8a8200"), ("#0072b2", "#003e61"), ("#d55e00", "#7a3600"),
    ("#cc79a7", "#7a3f63"), ("#999999", "#4d4d4d"), ("#8c564b", "#4f2f29"),
    ("#bcbd22", "#6b6b12"), ("#17becf", "#0b6e78"), ("#9467bd", "#553a6e"),
]
DEFAULT = {"color": "#004b87", "weight": 1, "fillColor": "#3a7bd5", "fillOpacity": 0.35,
           "fill": True}


def with_value_styles(style: dict, keys: list[str]) -> dict:
    """`style` with a colour for each of `keys` (sorted) that has none yet."""
    if not style.get("attribute"):
        return style
    values = dict(style.get("values") or {})
    free = [colours for colours in PALETTE
            if colours[0] not in {v.get("fillColor") for v in values.values()}]
    for key in sorted(k for k in keys if k and k not in values):
        if not free:
            break
        fill, line = free.pop(0)
        values[key] = {"fillColor": fill, "color": line}
    return {**style, "default": {**DEFAULT, **(style.get("default") or {})}, "values": values}
