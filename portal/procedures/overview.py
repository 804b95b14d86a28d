"""The one overview of all procedures: which are public, filters, order, and one page's entries.

Shared by the pages (portal/views/procedures.py) and the API (portal/api/procedures.py).
Bounded queries: the modules of the authorities (1), count (1), the page (1, authority
select_related), its phases (1) and one `present` batch per kind on the page.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.gis.geos import GEOSGeometry, Point, Polygon
from django.db.models import (
    Case,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.srid import WGS84, storage_srid

from . import listing, registry

STATUSES = ("open", "upcoming", "closed")
RANK = {"open": 0, "upcoming": 1, "closed": 2}
DEFAULT_RADIUS_M = 5000
MAX_RADIUS_M = 100_000
MAX_QUERY_CHARS = 200


class FilterError(ValueError):
    """A filter value that cannot be used; the message names it (German first)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass
class Filters:
    kind: str = ""
    authority: str = ""
    district: str = ""
    status: str = ""
    query: str = ""
    #: (lon, lat) in WGS84 and a radius in metres.
    near: tuple[float, float] | None = None
    radius: int = DEFAULT_RADIUS_M
    #: (minLon, minLat, maxLon, maxLat) in WGS84.
    bbox: tuple[float, float, float, float] | None = None
    errors: dict[str, str] = field(default_factory=dict)


def check_lon_lat(lon: float, lat: float, name: str) -> None:
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise FilterError(name, _("The coordinates must be longitude (-180 to 180) and "
                                  "latitude (-90 to 90) in WGS84 (EPSG:4326)."))


def parse_numbers(text: str, count: int, name: str) -> list[float]:
    """`count` comma-separated finite numbers, or a FilterError naming the parameter."""
    message = _("“%(name)s” expects %(count)d comma-separated numbers (WGS84 longitude and "
                "latitude).") % {"name": name, "count": count}
    if len(text) > 200:
        raise FilterError(name, message)
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError as exc:
        raise FilterError(name, message) from exc
    if len(numbers) != count or any(n != n or n in (float("inf"), float("-inf"))
                                    for n in numbers):
        raise FilterError(name, message)
    for lon, lat in zip(numbers[0::2], numbers[1::2], strict=True):
        check_lon_lat(lon, lat, name)
    return numbers


def parse_radius(text: str) -> int:
    text = (text or "").strip()
    if not text:
        return DEFAULT_RADIUS_M
    try:
        value = float(text.replace(",", ".")) if len(text) <= 20 else -1.0
    except ValueError:
        value = -1.0
    if not (0 < value <= MAX_RADIUS_M):
        raise FilterError("radius", _("The radius must be a number of metres between 1 and "
                                      "%(max)d.") % {"max": MAX_RADIUS_M})
    return max(1, round(value))


def parse_common(params: Mapping, filters: Filters) -> None:
    """kind, status, q (shared by the pages and the API); problems go to filters.errors."""
    kind = str(params.get("kind", "") or "").strip()
    if kind:
        if kind not in listing.listed_kinds() or registry.procedure_kind(kind) is None:
            filters.errors["kind"] = _("Unknown kind of procedure “%(kind)s”.") % {
                "kind": kind[:40]}
        else:
            filters.kind = kind
    status = str(params.get("status", "") or "").strip()
    if status:
        if status not in STATUSES:
            filters.errors["status"] = _("Unknown status; use one of %(values)s.") % {
                "values": ", ".join(STATUSES)}
        else:
            filters.status = status
    query = str(params.get("q", "") or "").strip()
    if len(query) > MAX_QUERY_CHARS or any(ord(c) < 32 for c in query):
        filters.errors["q"] = _("The search text must be at most %(max)d characters of plain "
                                "text.") % {"max": MAX_QUERY_CHARS}
    else:
        filters.query = query
    for name in ("authority", "district"):
        value = str(params.get(name, "") or "").strip()
        if value:
            setattr(filters, name, value[:80])


# -- which procedures are public ---------------------------------------------------------------


def public_procedures(authority=None) -> QuerySet:
    """Procedures of listed kinds, of active authorities with the kind's module switched on,
    that the kind's listing calls public. `authority`: only that authority's."""
    from ..models import Authority, Procedure

    authorities = Authority.objects.filter(is_active=True)
    if authority is not None:
        authorities = authorities.filter(pk=authority.pk)
    enabled: dict[str, list[int]] = {}
    for pk, modules in authorities.values_list("pk", "enabled_modules"):
        for code in modules if isinstance(modules, list) else []:
            enabled.setdefault(code, []).append(pk)
    condition = Q(pk__in=[])
    for entry in listing.listings():
        for code in entry.kinds:
            kind = registry.procedure_kind(code)
            if kind is None or not enabled.get(kind.module):
                continue
            condition |= Q(kind=code, authority_id__in=enabled[kind.module]) & entry.is_public()
    return Procedure.objects.filter(condition)


def available_kinds(procedures: QuerySet) -> list[registry.ProcedureKind]:
    """The kinds to offer in the kind filter: those with a public procedure (one query)."""
    present = set(procedures.order_by().values_list("kind", flat=True).distinct())
    return [kind for kind in registry.procedure_kinds() if kind.code in present]


# -- filters and order -------------------------------------------------------------------------


def _storage(geometry: GEOSGeometry) -> GEOSGeometry:
    return geometry.transform(storage_srid(), clone=True)


def near_area(lon: float, lat: float, radius: int) -> GEOSGeometry:
    """A circle of `radius` metres around (lon, lat), in the storage SRID (metric)."""
    return _storage(Point(lon, lat, srid=WGS84)).buffer(radius, 16)


def bbox_area(minx: float, miny: float, maxx: float, maxy: float) -> GEOSGeometry:
    box = Polygon.from_bbox((minx, miny, maxx, maxy))
    box.srid = WGS84
    return _storage(box)


def located_in(area: GEOSGeometry) -> Q:
    condition = Q(pk__in=[])
    for entry in listing.listings():
        if entry.located_in is not None:
            condition |= Q(kind__in=entry.kinds) & entry.located_in(area)
    return condition


def with_status(procedures: QuerySet, now: datetime) -> QuerySet:
    """Annotate rank (0 open, 1 upcoming, 2 closed, 3 without phases) and the sort keys."""
    from ..models import Phase

    phases = Phase.objects.filter(procedure=OuterRef("pk")).order_by()
    open_end = phases.filter(starts_at__lte=now, ends_before__gt=now).order_by("ends_before")
    upcoming = phases.filter(starts_at__gt=now).order_by("starts_at")
    latest = phases.order_by("-ends_before")
    return procedures.annotate(
        open_end=Subquery(open_end.values("ends_before")[:1], output_field=DateTimeField()),
        next_start=Subquery(upcoming.values("starts_at")[:1], output_field=DateTimeField()),
        last_end=Subquery(latest.values("ends_before")[:1], output_field=DateTimeField()),
    ).annotate(
        rank=Case(
            When(open_end__isnull=False, then=Value(0)),
            When(next_start__isnull=False, then=Value(1)),
            When(last_end__isnull=False, then=Value(2)),
            default=Value(3), output_field=IntegerField(),
        ),
    ).annotate(
        soon=Case(
            When(rank=0, then=F("open_end")),
            When(rank=1, then=F("next_start")),
            default=None, output_field=DateTimeField(),
        ),
    )


def filtered(procedures: QuerySet, filters: Filters, now: datetime | None = None) -> QuerySet:
    """The filtered procedures, open first (closing soonest first), then upcoming by start,
    then closed by end (latest first), then those without phases."""
    from ..models import AuthorityKind

    now = now or timezone.now()
    if filters.kind:
        procedures = procedures.filter(kind=filters.kind)
    if filters.authority:
        procedures = procedures.filter(authority__slug=filters.authority)
    if filters.district:
        procedures = procedures.filter(
            Q(authority__slug=filters.district, authority__kind=AuthorityKind.DISTRICT)
            | Q(authority__parent__slug=filters.district,
                authority__parent__kind=AuthorityKind.DISTRICT))
    if filters.query:
        procedures = procedures.filter(title__icontains=filters.query)
    if filters.near is not None:
        procedures = procedures.filter(located_in(near_area(*filters.near, filters.radius)))
    if filters.bbox is not None:
        procedures = procedures.filter(located_in(bbox_area(*filters.bbox)))
    procedures = with_status(procedures, now)
    if filters.status:
        procedures = procedures.filter(rank=RANK[filters.status])
    return procedures.order_by(
        "rank", F("soon").asc(nulls_last=True), F("last_end").desc(nulls_last=True),
        "title", "pk")


# -- one page ----------------------------------------------------------------------------------


@dataclass
class Entry:
    procedure: object
    kind_name: str
    status: str  # open | upcoming | closed | "" (no phases)
    phase: object | None  # the open phase, else the next, else the last
    phases: list
    presentation: listing.Presentation

    @property
    def url(self) -> str:
        return self.presentation.url


def _phase_of(phases: list, now: datetime) -> tuple[str, object | None]:
    open_ = [p for p in phases if p.starts_at <= now < p.ends_before]
    if open_:
        return "open", min(open_, key=lambda p: p.ends_before)
    upcoming = [p for p in phases if p.starts_at > now]
    if upcoming:
        return "upcoming", min(upcoming, key=lambda p: p.starts_at)
    if phases:
        return "closed", max(phases, key=lambda p: p.ends_before)
    return "", None


def page_queryset(procedures: QuerySet) -> QuerySet:
    from ..models import Phase

    return procedures.select_related("authority").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("start_date", "pk")))


def entries(page, now: datetime | None = None) -> list[Entry]:
    """Entries for one page of procedures (from page_queryset): one `present` batch per kind."""
    now = now or timezone.now()
    page = list(page)
    by_listing: dict[int, list] = {}
    listings_by_id: dict[int, listing.ProcedureListing] = {}
    for procedure in page:
        entry = listing.listing_for(procedure.kind)
        if entry is not None:
            by_listing.setdefault(id(entry), []).append(procedure)
            listings_by_id[id(entry)] = entry
    presentations: dict[int, listing.Presentation] = {}
    for key, procedures in by_listing.items():
        presentations.update(listings_by_id[key].present(procedures))
    result = []
    for procedure in page:
        phases = list(procedure.phases.all())
        status, phase = _phase_of(phases, now)
        kind = registry.procedure_kind(procedure.kind)
        result.append(Entry(
            procedure=procedure,
            kind_name=str(kind.name) if kind else procedure.kind,
            status=status,
            phase=phase,
            phases=phases,
            presentation=presentations.get(procedure.pk, listing.Presentation()),
        ))
    return result


def point_of(geometry: GEOSGeometry | None) -> GEOSGeometry | None:
    """A marker position for a WGS84 geometry (itself if a point)."""
    if geometry is None or geometry.empty:
        return None
    if geometry.geom_type == "Point":
        return geometry
    return geometry.point_on_surface


def feature(entry: Entry) -> dict | None:
    """A GeoJSON Feature (WGS84 point) for the map, or None without a place."""
    import json

    point = point_of(entry.presentation.location)
    if point is None:
        return None
    phase = entry.phase
    return {
        "type": "Feature",
        "id": entry.procedure.pk,
        "geometry": json.loads(point.json),
        "properties": {
            "title": entry.procedure.title,
            "kind": entry.kind_name,
            "authority": entry.procedure.authority.name,
            "status": entry.status,
            "phase": phase.display_title if phase else "",
            "url": entry.url,
        },
    }
