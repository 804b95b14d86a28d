"""TileJSON 3.0.0 of the vector tile sources: all published plans, and each published layer.

GET /ogcapi/tilejson/plans.json[?status=in_force|running|open]
GET /ogcapi/tilejson/layers/<uid>.json

A map client (MapLibre, QGIS "Vector Tiles" connection with a TileJSON URL) reads the tile URL
template, the zoom range, the bounds and the attribute fields of each MVT layer from them.
"""

from django.contrib.gis.db.models import Extent
from django.urls import reverse
from django.utils.translation import gettext as _

from gis.tiles.grid import MAX_ZOOM
from gis.tiles.layer_set import FEATURE_PROPERTIES

from .. import selectors
from ..views.tiles import PLAN_PROPERTIES
from .params import ParameterError, refuse_unknown
from .published import find, wgs84_bounds
from .responses import NotFound, json_response, ogc_view

#: Link relation of a TileJSON document in the landing page and the collections.
TILEJSON_REL = "describedby"
TILEJSON_TYPE = "application/json"
TILEJSON_PROFILE = "TileJSON 3.0.0"
PLAN_FIELDS = {name: _("attribute of the plan") for name in PLAN_PROPERTIES}


def _document(request, *, name: str, description: str, template: str, bounds,
              layer_id: str, fields: dict) -> dict:
    bounds = bounds or [-180.0, -85.051129, 180.0, 85.051129]
    centre = [round((bounds[0] + bounds[2]) / 2, 6), round((bounds[1] + bounds[3]) / 2, 6), 12]
    return {
        "tilejson": "3.0.0",
        "name": name,
        "description": description,
        "scheme": "xyz",
        "tiles": [request.build_absolute_uri("/").rstrip("/") + template],
        "minzoom": 0,
        "maxzoom": MAX_ZOOM,
        "bounds": bounds,
        "center": centre,
        "vector_layers": [{"id": layer_id, "fields": fields, "minzoom": 0,
                           "maxzoom": MAX_ZOOM}],
    }


@ogc_view
def plans_tilejson(request):
    refuse_unknown(request.GET, {"status"})
    status = request.GET.get("status", "")
    if status and status not in selectors.STATUS_FILTERS:
        raise ParameterError("status", _("Unknown status."))
    plans = selectors.filter_plans(selectors.published_plans(),
                                   selectors.PlanFilters(status=status))
    box = plans.filter(area__isnull=False).order_by().aggregate(box=Extent("area"))["box"]
    template = reverse("planning:plan-tile", args=[0, 0, 0]).replace(
        "/0/0/0.pbf", "/{z}/{x}/{y}.pbf") + (f"?status={status}" if status else "")
    return json_response(_document(
        request, name=str(_("Published plans")),
        description=str(_("Areas of validity (Geltungsbereiche) of the published plans.")),
        template=template, bounds=wgs84_bounds(box), layer_id="plans",
        fields={name: str(text) for name, text in PLAN_FIELDS.items()}))


@ogc_view
def layer_tilejson(request, layer_uid):
    refuse_unknown(request.GET, set())
    collection = find(str(layer_uid))
    if collection is None:
        raise NotFound
    layer = collection.layer
    template = f"/tiles/layers/{layer.uid}/{{z}}/{{x}}/{{y}}.pbf?v={layer.version}"
    texts = {"id": _("feature number"), "class": _("class of the object"),
             "key": _("key of the style (e.g. the use code)"), "label": _("label")}
    fields = {name: str(texts.get(name, name)) for name in FEATURE_PROPERTIES}
    return json_response(_document(
        request, name=str(collection.title), description=str(collection.description),
        template=template, bounds=wgs84_bounds(layer.extent), layer_id="features",
        fields=fields))
