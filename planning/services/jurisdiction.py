"""A visible warning (never an error) when a plan lies outside its authority's jurisdiction."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..models import Plan

#: Slivers along the boundary (digitising differences) are not worth a warning.
TOLERANCE_SQUARE_METRES = 10.0
TOLERANCE_SHARE = 0.001


def jurisdiction_warning(plan: Plan) -> str | None:
    area, jurisdiction = plan.area, plan.authority.jurisdiction
    if area is None or jurisdiction is None:
        return None
    if area.srid != jurisdiction.srid:
        jurisdiction = jurisdiction.transform(area.srid, clone=True)
    if not area.intersects(jurisdiction):
        return _(
            "The Geltungsbereich lies outside the jurisdiction of %(authority)s. Please check "
            "the area and the authority."
        ) % {"authority": plan.authority.name}
    outside = area.difference(jurisdiction).area
    if outside <= max(TOLERANCE_SQUARE_METRES, area.area * TOLERANCE_SHARE):
        return None
    return _(
        "About %(percent)s %% of the Geltungsbereich lies outside the jurisdiction of "
        "%(authority)s. Please check the area."
    ) % {"percent": number_format(100 * outside / area.area, 1), "authority": plan.authority.name}
