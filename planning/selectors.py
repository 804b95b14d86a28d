"""Reads of plans for the public portal, the API and staff."""

from dataclasses import dataclass

from django.contrib.gis.geos import Point
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from gis.srid import WGS84
from portal.models import Authority, Phase

from .codelists import PlanKind
from .models import Plan, PlanDocument, PlanLayer

STATUS_FILTERS = ("running", "open", "in_force")


@dataclass(frozen=True)
class PlanFilters:
    status: str = ""
    kind: str = ""
    authority: str = ""
    query: str = ""

    @classmethod
    def from_params(cls, params) -> "PlanFilters":
        status = params.get("status", "")
        kind = params.get("kind", "")
        return cls(
            status=status if status in STATUS_FILTERS else "",
            kind=kind if kind in PlanKind.values else "",
            authority=(params.get("authority") or "")[:80],
            query=(params.get("q") or "").strip()[:200],
        )

    def as_params(self) -> dict[str, str]:
        return {k: v for k, v in (("status", self.status), ("kind", self.kind),
                                  ("authority", self.authority), ("q", self.query)) if v}


def published_plans() -> QuerySet[Plan]:
    return Plan.objects.published().select_related("authority")


def filter_plans(queryset: QuerySet[Plan], filters: PlanFilters, now=None) -> QuerySet[Plan]:
    now = now or timezone.now()
    if filters.status == "running":
        queryset = queryset.with_running_procedure(now)
    elif filters.status == "open":
        queryset = queryset.with_open_participation(now)
    elif filters.status == "in_force":
        queryset = queryset.in_force()
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.authority:
        queryset = queryset.filter(authority__slug=filters.authority)
    if filters.query:
        q = filters.query
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(number__iexact=q) | Q(number__icontains=q)
            | Q(municipality_name__icontains=q) | Q(authority__name__icontains=q)
            | Q(ags__startswith=q)
        )
    return queryset


def plans_at(*, lon: float, lat: float) -> QuerySet[Plan]:
    """Published plans whose Geltungsbereich contains the WGS84 point (tested in SQL)."""
    point = Point(lon, lat, srid=WGS84)
    return published_plans().filter(area__intersects=point)


def municipalities_named(text: str) -> QuerySet[Authority]:
    return Authority.objects.active().filter(name__icontains=text.strip())[:10]


def plans_in_authority_area(authority: Authority) -> QuerySet[Plan]:
    """Plans of the authority, and plans of others that lie in its jurisdiction."""
    condition = Q(authority=authority)
    if authority.jurisdiction is not None:
        condition |= Q(area__intersects=authority.jurisdiction)
    return published_plans().filter(condition)


def plan_for_public(*, authority_slug: str, uid, for_page: bool = True) -> Plan:
    """A published plan with what its public page shows: public documents, layers, phases.

    `for_page=False` (a form POST that redirects) fetches the plan alone: the documents, layers
    and phases are read by the page (`public_documents_of_plans` reads the documents a POST
    chose from).
    """
    plans = published_plans().select_related("procedure")
    if not for_page:
        # A submission never draws the authority's boundary (thousands of vertices for a town).
        return plans.defer("authority__jurisdiction").get(authority__slug=authority_slug, uid=uid)
    return plans.prefetch_related(
        Prefetch("documents", queryset=public_documents_of_plans()),
        Prefetch("plan_layers", queryset=PlanLayer.objects.select_related("layer")),
        Prefetch("procedure__phases", queryset=Phase.objects.order_by("start_date")),
    ).get(authority__slug=authority_slug, uid=uid)


def public_documents_of_plans() -> QuerySet[PlanDocument]:
    return PlanDocument.objects.filter(is_public=True)
