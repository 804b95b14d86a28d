"""Vector tiles of the Geltungsbereiche of all published plans (the state-wide map)."""

from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from gis.tiles.caching import conditional_response, make_etag
from gis.tiles.grid import Tile
from gis.tiles.mvt import encode_tile

from .. import selectors

PLAN_PROPERTIES = {
    "uid": "uid", "name": "name", "number": "number", "status": "status_group", "kind": "kind",
    "authority": "authority__slug", "authority_name": "authority__name",
}


@require_GET
def plan_tile(request, z, x, y):
    try:
        tile = Tile.checked(int(z), int(x), int(y))
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    filters = selectors.PlanFilters.from_params(request.GET)
    plans = selectors.filter_plans(selectors.published_plans(), filters)
    state = plans.aggregate(latest=Max("updated_at"), count=Count("pk"))

    def build():
        data = encode_tile(plans, geometry_field="area", properties=PLAN_PROPERTIES, tile=tile,
                           layer_name="plans")
        return HttpResponse(data, content_type="application/vnd.mapbox-vector-tile",
                            status=200 if data else 204)

    # "open"/"running" change with the clock: keep their tiles short-lived.
    max_age = 60 if filters.status in ("open", "running") else 300
    return conditional_response(
        request,
        etag=make_etag("plans", sorted(filters.as_params().items()), state["latest"],
                       state["count"], z, x, y),
        last_modified=state["latest"], build=build, max_age=max_age, public=True,
    )
