"""The published collections: what each one serves and from which selector.

* `plans-in-force`: Geltungsbereiche of published plans in force (Rechtskraft);
* `plans-in-procedure`: Geltungsbereiche of published plans still in preparation;
* one collection per vector content layer of a published plan (id: the layer's uid).

Everything is read through `selectors.published_plans()` (published plans of active
authorities) and, for layers, the layer's own `is_public` flag that publishing a plan sets.
No collection carries personal data: plans and plan content only. Statements are not served
here (no public anonymised statement selector exists; docs/ogcapi.md).
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import Polygon
from django.db.models import Max, Min, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gis.models import Feature, IngestStatus, Layer, LayerKind
from gis.srid import WGS84, storage_srid

from .. import selectors
from ..maps.xplan_labels import layer_title

PLAN_PROPERTIES = {
    "uid": "uid", "name": "name", "number": "number", "plan_class": "plan_class",
    "kind": "kind", "legal_status": "legal_status", "status": "status_group",
    "authority": "authority__slug", "authority_name": "authority__name", "ags": "ags",
    "municipality": "municipality_name",
    "decision_to_prepare_date": "decision_to_prepare_date",
    "council_decision_date": "council_decision_date",
    "publication_date": "publication_date", "entry_into_force_date": "entry_into_force_date",
}
LAYER_PROPERTIES = {"class": "feature_class", "key": "style_key", "label": "label"}


@dataclass(frozen=True)
class Collection:
    id: str
    title: str | Promise
    description: str | Promise
    #: The published features (a fresh queryset per call).
    features: Callable[[], QuerySet]
    geometry_field: str
    #: Lookup of the feature id ("uid" for plans, "pk" for layer features).
    id_field: str
    #: Output property -> queryset lookup (read with values_list, never model instances).
    properties: dict[str, str]
    #: Date field `datetime` is compared with; None: the collection has no time.
    date_field: str | None = None
    #: Extra JSON attributes merged into the properties (layer features' source attributes).
    attributes_field: str | None = None
    layer: Layer | None = None
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def feature(self, feature_id: str) -> QuerySet:
        """The queryset of the one feature with this id (empty when it is no valid id)."""
        features = self.features()
        if self.id_field == "uid":
            try:
                return features.filter(uid=uuid.UUID(feature_id))
            except ValueError:
                return features.none()
        if not feature_id.isdigit() or len(feature_id) > 18:
            return features.none()
        return features.filter(pk=int(feature_id))


def _plans_in_force() -> QuerySet:
    return selectors.published_plans().in_force().filter(area__isnull=False)


def _plans_in_procedure() -> QuerySet:
    return selectors.published_plans().filter(status_group="in_preparation",
                                              area__isnull=False)


PLANS_IN_FORCE = Collection(
    id="plans-in-force", title=_("Plans in force (Rechtskraft)"),
    description=_("Area of validity (Geltungsbereich) of every published land-use plan in force."),
    features=_plans_in_force, geometry_field="area", id_field="uid",
    properties=PLAN_PROPERTIES, date_field="entry_into_force_date",
    keywords=("Bauleitplan", "Geltungsbereich", "Rechtskraft"),
)
PLANS_IN_PROCEDURE = Collection(
    id="plans-in-procedure", title=_("Plans in procedure (Geltungsbereiche)"),
    description=_("Area of validity (Geltungsbereich) of every published land-use plan still "
                  "in preparation."),
    features=_plans_in_procedure, geometry_field="area", id_field="uid",
    properties=PLAN_PROPERTIES, date_field="decision_to_prepare_date",
    keywords=("Bauleitplan", "Geltungsbereich", "Planverfahren"),
)
PLAN_COLLECTIONS = (PLANS_IN_FORCE, PLANS_IN_PROCEDURE)


def published_layers() -> QuerySet[Layer]:
    """Vector content layers of published plans that are public and ready."""
    return (
        Layer.objects.filter(
            is_public=True, status=IngestStatus.DONE, kind=LayerKind.VECTOR,
            plan_link__plan__in=selectors.published_plans().values("pk"),
        )
        .select_related("plan_link__plan")
        .order_by("plan_link__plan__name", "plan_link__plan__pk", "plan_link__order",
                  "plan_link__pk")
    )


def layer_collection(layer: Layer) -> Collection:
    plan = layer.plan_link.plan
    return Collection(
        id=str(layer.uid),
        title=f"{plan.name}: {layer_title(layer.name)}",
        description=_("Content layer of the published plan “%(plan)s”.") % {"plan": plan.name},
        features=lambda: Feature.objects.filter(layer=layer),
        geometry_field="geometry", id_field="pk", properties=LAYER_PROPERTIES,
        attributes_field="attributes", layer=layer,
        keywords=("Planinhalt", "XPlanung"),
    )


def all_collections() -> list[Collection]:
    return [*PLAN_COLLECTIONS, *(layer_collection(layer) for layer in published_layers())]


def find(collection_id: str) -> Collection | None:
    for collection in PLAN_COLLECTIONS:
        if collection.id == collection_id:
            return collection
    try:
        uid = uuid.UUID(collection_id)
    except ValueError:
        return None
    layer = published_layers().filter(uid=uid).first()
    return layer_collection(layer) if layer is not None else None


def wgs84_bounds(box: Polygon | tuple | None) -> list[float] | None:
    """A storage-SRID box (extent tuple or polygon) as [minLon, minLat, maxLon, maxLat]."""
    if box is None:
        return None
    polygon = Polygon.from_bbox(box) if isinstance(box, tuple) else box.clone()
    if polygon.srid is None:
        polygon.srid = storage_srid()
    # One box, densified by the transformation of its corners' ring: not per feature.
    polygon.transform(WGS84)
    minx, miny, maxx, maxy = polygon.extent
    return [round(minx, 6), round(miny, 6), round(maxx, 6), round(maxy, 6)]


def extent(collection: Collection) -> dict:
    """Spatial extent (CRS84) and, where the collection has a date, its temporal extent."""
    from .params import as_rfc3339

    if collection.layer is not None:
        bounds = wgs84_bounds(collection.layer.extent)
        figures = {}
    else:
        aggregates = {"box": Extent(collection.geometry_field)}
        if collection.date_field:
            aggregates |= {"first": Min(collection.date_field),
                           "last": Max(collection.date_field)}
        figures = collection.features().order_by().aggregate(**aggregates)
        bounds = wgs84_bounds(figures["box"])
    # An empty collection still states a box (the schema wants one): the whole world.
    result = {"spatial": {"bbox": [bounds or [-180.0, -90.0, 180.0, 90.0]],
                          "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}
    if collection.date_field:
        result["temporal"] = {
            "interval": [[as_rfc3339(figures.get("first")), as_rfc3339(figures.get("last"))]],
            "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
        }
    return result
