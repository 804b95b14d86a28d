"""The list of statements with filters and pagination, its map data and its CSV export."""

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.db.models.functions import Substr
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gis.tiles.caching import conditional_response, make_etag
from gis.tiles.grid import Tile
from gis.tiles.mvt import encode_tile
from portal.access_log import opened
from portal.models import Authority

from ...statements.export_csv import export_csv
from ...statements.permissions import actor_authority_ids
from ...statements.staff_queries import for_list, located_in_tile, map_points, with_tile_point
from .access import no_store, statement_query

PAGE_SIZE = 50
MAX_MAP_FEATURES = 5000
EXCERPT = 160
#: Only facts that never change after a statement is stored, so the tile ETag (count and
#: newest creation) stays truthful.
TILE_PROPERTIES = {"uid": "uid", "reference": "reference", "late": "is_late"}


def safe_json_bytes(data) -> bytes:
    """JSON with <, > and & escaped: inert even if a client renders it as HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.encode()


def _map_config(query) -> dict:
    querystring = query.querystring()
    suffix = f"?{querystring}" if querystring else ""
    tiles = reverse("planning_statements_staff:tile", kwargs={"z": 0, "x": 0, "y": 0})
    return {
        "statementMap": {
            "geojson": reverse("planning_statements_staff:map-data") + suffix,
            "tiles": tiles.replace("/0/0/0.pbf", "/{z}/{x}/{y}.pbf") + suffix,
            "detailBase": reverse("planning_statements_staff:list"),
        },
        "statementsText": {
            "open": _("Open statement %(reference)s"),
            "late": _("late"),
            "truncated": _("The map shows the newest %(count)s statements; narrow the filters to see the others."),
            "count": _("%(count)s statements with a location on the map."),
            "areaDrawn": _("An area is drawn: apply the filters to show only statements in it."),
            "areaCleared": _("No area is drawn."),
        },
    }


@login_required
def statement_list(request):
    query = statement_query(request)
    statements = for_list(query.statements())
    paginator = Paginator(statements, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    actor_ids = actor_authority_ids(request.user)
    response = render(request, "planning/statements/staff/list.html", {
        "query": query,
        "form": query.form,
        "page": page,
        "querystring": query.querystring(),
        "can_enter": actor_ids is None or bool(actor_ids),
        "map_config": _map_config(query),
    }, status=200 if query.is_valid else 400)
    return no_store(response)


@login_required
@require_GET
def map_data(request):
    """GeoJSON of the filtered statements: one point each (point on surface, WGS84, in SQL)."""
    query = statement_query(request)
    if not query.is_valid:
        return no_store(HttpResponse(safe_json_bytes({"errors": query.errors}), status=400,
                                     content_type="application/json"))
    points = map_points(query.statements())
    total = points.count()
    rows = points.annotate(excerpt=Substr("text", 1, EXCERPT)).values(
        "uid", "reference", "received_at", "is_late", "moderation", "channel", "excerpt",
        "point_geojson", "plan__name",
    )[:MAX_MAP_FEATURES]
    features = []
    for row in rows:
        if not row["point_geojson"]:
            continue
        features.append({
            "type": "Feature",
            "id": str(row["uid"]),
            "geometry": json.loads(row["point_geojson"]),
            "properties": {
                "reference": row["reference"],
                "plan": row["plan__name"],
                "received": timezone.localtime(row["received_at"]).date().isoformat(),
                "late": row["is_late"],
                "moderation": row["moderation"],
                "channel": row["channel"],
                "excerpt": row["excerpt"],
                "url": reverse("planning_statements_staff:detail", args=[row["uid"]]),
            },
        })
    data = {"type": "FeatureCollection", "features": features, "total": total,
            "truncated": total > len(features)}
    response = HttpResponse(safe_json_bytes(data), content_type="application/geo+json")
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)


@login_required
@require_GET
def statement_tile(request, z, x, y):
    """Vector tile (layer "statements") of the filtered statements' points, for many points."""
    try:
        tile = Tile.checked(int(z), int(x), int(y))
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    query = statement_query(request)
    if not query.is_valid:
        return HttpResponse(status=400)
    statements = with_tile_point(located_in_tile(query.statements(), tile))
    state = statements.aggregate(latest=Max("created_at"), count=Count("pk"))

    def build():
        data = encode_tile(statements, geometry_field="map_point", properties=TILE_PROPERTIES,
                           tile=tile, layer_name="statements")
        response = HttpResponse(data, content_type="application/vnd.mapbox-vector-tile",
                                status=200 if data else 204)
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return conditional_response(
        request,
        etag=make_etag("statements", request.user.pk, sorted(query.params().items()),
                       state["latest"], state["count"], z, x, y),
        last_modified=None, build=build, max_age=30, public=False,
    )


@login_required
@require_GET
def statement_export(request):
    query = statement_query(request)
    if not query.is_valid:
        return statement_list(request)
    statements = query.statements()
    for authority in Authority.objects.filter(
            pk__in=statements.values("authority_id")).order_by("pk"):
        opened(request, authority=authority, what="statement-export")
    response = HttpResponse(export_csv(statements), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="stellungnahmen-{stamp}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)
