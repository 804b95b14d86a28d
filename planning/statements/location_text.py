"""A statement's location in words, for receipts and exports (no PDF library needed)."""

from django.utils import formats
from django.utils.translation import gettext as _

from ..maps.objects import describe_feature

COORDINATE_DECIMALS = 5


def coordinate(value: float) -> str:
    """A coordinate in the active language's number format ("51,03003" in German)."""
    return formats.number_format(round(value, COORDINATE_DECIMALS), COORDINATE_DECIMALS)


def location_summary(statement, point=None) -> str:
    """Where the statement points to, in words. `point` is the WGS84 point on the location when
    the caller already computed it in SQL (exports); otherwise it is computed here."""
    parts = []
    if statement.location is not None:
        if point is None:
            point = statement.location.point_on_surface.transform(4326, clone=True)
        kind = {"Point": _("point"), "LineString": _("line"), "Polygon": _("area")}.get(
            statement.location.geom_type, statement.location.geom_type)
        parts.append(_("%(kind)s on the map near %(lat)s° N, %(lon)s° E")
                     % {"kind": kind, "lat": coordinate(point.y), "lon": coordinate(point.x)})
    if statement.location_text:
        parts.append(statement.location_text)
    if statement.plan_feature_id:
        feature = statement.plan_feature
        parts.append(_("plan object: %(label)s") % {"label": describe_feature(feature)})
    if statement.document_id:
        section = f", {statement.document_section}" if statement.document_section else ""
        parts.append(_("document: %(title)s") % {"title": statement.document.title} + section)
    return "; ".join(parts) or _("no location given")
