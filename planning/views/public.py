"""The central state portal (Zentrales Landesportal Bauleitplanung) and plan pages."""

import json

from django.contrib.gis.db.models import Extent
from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.srid import WGS84
from portal.geocoding import GeocodingError, address_search_available, geocode
from portal.models import Authority

from .. import selectors
from ..codelists import DOCUMENTS_REQUIRED_IN_FORCE, PlanKind, StatusGroup
from ..maps.fixed_legends import status_legend
from ..maps.map_layers import plan_map
from ..models import Plan, PlanDocument
from ..services.participation_settings import publicly_displayed

RESULT_LIMIT = 200
LIST_DEFERRED = ("area", "description", "authority__jurisdiction", "authority__contact_address",
                 "authority__embed_origins")


def _point(params) -> tuple[float, float] | None:
    try:
        lon, lat = float(params["lon"]), float(params["lat"])
    except (KeyError, ValueError):
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def _bounds(queryset) -> list[float] | None:
    box = queryset.aggregate(box=Extent(Transform("area", WGS84)))["box"]
    return list(box) if box else None


def state_portal(request):
    filters = selectors.PlanFilters.from_params(request.GET)
    point = _point(request.GET)
    notices: list[str] = []
    matched_authorities = []
    plans = selectors.filter_plans(selectors.published_plans(), filters)
    if point:
        plans = plans.filter(pk__in=selectors.plans_at(lon=point[0], lat=point[1]).values("pk"))
    elif filters.query:
        # A municipality name: its plans and the plans lying in its area.
        matched_authorities = list(selectors.municipalities_named(filters.query))
        area_ids = set()
        for authority in matched_authorities:
            area_ids |= set(selectors.plans_in_authority_area(authority).values_list("pk", flat=True))
        unfiltered = selectors.PlanFilters(status=filters.status, kind=filters.kind,
                                           authority=filters.authority)
        by_text = set(plans.values_list("pk", flat=True))
        if not by_text and not area_ids:
            try:
                found = geocode(filters.query)
            except GeocodingError as exc:
                found = None
                notices.append(str(exc))
            if found:
                point = (found.lon, found.lat)
                area_ids = set(selectors.plans_at(lon=found.lon, lat=found.lat).values_list("pk", flat=True))
                notices.append(_("Address found: %(label)s") % {"label": found.label})
        plans = selectors.filter_plans(selectors.published_plans(), unfiltered).filter(
            pk__in=by_text | area_ids
        )
    # The page lists names and links: the plan areas and jurisdictions (large multipolygons,
    # drawn by the tiles) stay in the database.
    plans = plans.order_by("authority__name", "name").defer(*LIST_DEFERRED)
    count = plans.count()
    authorities = (Authority.objects.filter(plans__is_published=True).distinct()
                   .order_by("name").only("name", "slug"))
    tile_params = "&".join(f"{k}={v}" for k, v in filters.as_params().items() if k != "q")
    return render(
        request,
        "planning/state_portal.html",
        {
            "filters": filters,
            "plans": plans[:RESULT_LIMIT],
            "count": count,
            "truncated": count > RESULT_LIMIT,
            "point": point,
            "notices": notices,
            "matched_authorities": matched_authorities,
            "authorities": authorities,
            "kinds": PlanKind.choices,
            "address_search": address_search_available(),
            "status_legend": status_legend(),
            "map_config": {
                "planTiles": "/tiles/plans/{z}/{x}/{y}.pbf" + (f"?{tile_params}" if tile_params else ""),
                "bounds": _bounds(plans) if count else None,
                "point": [point[1], point[0]] if point else None,
                "clickUrl": request.path,
                "clickParams": {k: v for k, v in filters.as_params().items() if k != "q"},
            },
        },
    )


def _area_geojson(plan: Plan):
    if plan.area is None:
        return None
    value = (
        Plan.objects.filter(pk=plan.pk)
        .annotate(g=AsGeoJSON(Transform("area", WGS84), precision=7))
        .values_list("g", flat=True)
        .get()
    )
    return json.loads(value)


def _timeline(plan: Plan, now):
    if plan.procedure is None:
        return []
    entries = []
    for phase in plan.procedure.phases.all():
        definition = phase.kind_definition
        entries.append(
            {
                "phase": phase,
                "state": phase.state(now),
                "audience": definition.audience if definition else "public",
                "accepts_statements": bool(definition and definition.accepts_statements),
            }
        )
    return entries


def plan_detail(request, authority_slug, plan_uid):
    try:
        plan = selectors.plan_for_public(authority_slug=authority_slug, uid=plan_uid)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc
    now = timezone.now()
    layer_config, legend = plan_map(plan.plan_layers.select_related("layer"))
    documents = list(plan.documents.all())
    present = {d.kind for d in documents}
    timeline = _timeline(plan, now)
    open_public = [e for e in timeline if e["state"] == "open" and e["audience"] != "agencies"
                   and e["accepts_statements"]]
    statement_url = (reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])
                     if open_public else None)
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "authority": plan.authority,
            "documents": documents,
            "timeline": timeline,
            "open_public_phase": open_public[0]["phase"] if open_public else None,
            "in_force": plan.status_group == StatusGroup.IN_FORCE,
            "missing_in_force_documents": [
                label for code, label in PlanDocument._meta.get_field("kind").choices
                if code in DOCUMENTS_REQUIRED_IN_FORCE and code not in present
            ] if plan.status_group == StatusGroup.IN_FORCE else [],
            "statement_url": statement_url,
            "public_statements_url": (
                reverse("planning:public-statements", args=[plan.authority.slug, plan.uid])
                if plan.procedure_id and plan.procedure.phases.filter(
                    publicly_displayed()).exists() else None),
            "map_config": {"area": _area_geojson(plan), **layer_config,
                           "statementUrl": statement_url},
            "legend": legend,
        },
    )


def document_download(request, authority_slug, plan_uid, document_uid):
    document = get_object_or_404(
        PlanDocument.objects.select_related("plan__authority"),
        uid=document_uid, is_public=True, plan__uid=plan_uid, plan__is_published=True,
        plan__authority__slug=authority_slug, plan__authority__is_active=True,
    )
    if not document.file:
        raise Http404
    inline = document.content_type in {"application/pdf", "image/png", "image/jpeg"}
    response = FileResponse(
        document.file.open("rb"), as_attachment=not inline,
        filename=document.file_name or f"{document.title}.bin",
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["ETag"] = f'"{document.sha256}"'
    return response
