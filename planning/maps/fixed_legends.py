"""Legends of the maps whose colours are fixed in portal/static/portal/js/map.js: the state
map (plans by status) and the weighing map (statements by decision). Keep both in step."""

from django.utils.translation import gettext as _

from ..codelists import StatusGroup
from ..models.weighing import Decision
from .legend import LegendEntry, LegendLayer

#: map.js STATUS_COLOURS (plan areas, fill opacity 0.25).
STATUS_COLOURS = {
    StatusGroup.IN_PREPARATION: "#b35900",
    StatusGroup.IN_FORCE: "#1d6b2f",
    StatusGroup.REPEALED: "#666666",
}
#: map.js DECISION_COLOURS (statement markers; white: not decided yet).
DECISION_COLOURS = {
    Decision.CONSIDERED: "#1d6b2f",
    Decision.PARTLY: "#b35900",
    Decision.NOT_CONSIDERED: "#b00020",
    Decision.NOTED: "#555555",
}


def status_legend() -> list[LegendLayer]:
    entries = [LegendEntry(label=str(StatusGroup(value).label), shape="area", stroke=colour,
                           fill=colour, fill_opacity=0.25, dash="")
               for value, colour in STATUS_COLOURS.items()]
    return [LegendLayer(uid="plans", title=_("Plans by status"), entries=entries)]


def decision_legend() -> list[LegendLayer]:
    entries = [LegendEntry(label=str(Decision(value).label), shape="point", stroke="#000000",
                           fill=colour, fill_opacity=0.9, dash="")
               for value, colour in DECISION_COLOURS.items()]
    entries.append(LegendEntry(label=_("not decided yet"), shape="point", stroke="#000000",
                               fill="#ffffff", fill_opacity=0.9, dash=""))
    return [LegendLayer(uid="statements", title=_("Statements by decision"), entries=entries)]
