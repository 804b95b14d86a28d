"""Content layers of an imported plan: one gis Layer per group, its objects as Feature rows.

Geometries are inserted in the file's CRS; the database reprojects them to the storage SRID
(Django wraps the value in ST_Transform / Transform when the SRIDs differ), and computes each
layer's extent — nothing is reprojected per feature in Python.
"""

from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import Polygon

from gis.models import Feature, IngestStatus, Layer, LayerKind
from gis.srid import storage_srid

from ..models import Plan, PlanLayer
from ..xplanung.crs import crs_label
from .grouping import LayerGroup

BATCH_SIZE = 1000


def _extent(layer: Layer) -> Polygon | None:
    box = Feature.objects.filter(layer=layer).aggregate(box=Extent("geometry"))["box"]
    if box is None:
        return None
    if box[0] == box[2] or box[1] == box[3]:  # a single point or an axis-parallel line
        box = (box[0] - 0.5, box[1] - 0.5, box[2] + 0.5, box[3] + 0.5)
    polygon = Polygon.from_bbox(box)
    polygon.srid = storage_srid()
    return polygon


def create_content_layer(*, plan: Plan, group: LayerGroup, order: int, source_name: str,
                         positions: dict[int, int]) -> PlanLayer:
    """Write one group as a vector layer (status done) of `plan`; `positions` maps id(feature)
    to its position among the plan's objects (kept as source_index, the export's order)."""
    srids = {item.feature.geometry.srid for item in group.items}
    layer = Layer(
        name=group.name[:200],
        kind=LayerKind.VECTOR,
        status=IngestStatus.DONE,
        source_name=source_name[:255],
        source_crs=", ".join(crs_label(srid) for srid in sorted(srids))[:100],
        style=group.style,
        attribute_fields=sorted({key for item in group.items for key in item.feature.attributes}),
        feature_count=len(group.items),
        is_public=plan.is_published,
        report={"xplan": {"group": group.kind, "classes": group.classes}},
    )
    layer.full_clean(exclude=["extent"])
    layer.save()
    Feature.objects.bulk_create(
        (
            Feature(
                layer=layer,
                geometry=item.feature.geometry,
                attributes=item.feature.attributes,
                feature_class=item.feature.xplan_class[:100],
                external_id=item.feature.gml_id[:200],
                style_key=item.style_key,
                label=item.label,
                source_index=positions[id(item.feature)],
            )
            for item in group.items
        ),
        batch_size=BATCH_SIZE,
    )
    layer.extent = _extent(layer)
    layer.save(update_fields=["extent", "updated_at"])
    return PlanLayer.objects.create(
        plan=plan, layer=layer, order=order, visible_by_default=group.visible_by_default
    )
