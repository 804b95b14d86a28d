"""Map layers of a plan: upload (queued for ingest) and order."""

from django.db import transaction

from gis.models import Layer
from gis.services import layers as gis_layers
from gis.tiles.server_cache import forget_layer_tiles

from ..models import Plan, PlanLayer


@transaction.atomic
def add_vector_layer(*, plan: Plan, name: str, upload, style: dict | None = None) -> PlanLayer:
    layer = gis_layers.create_vector_layer(name=name, upload=upload, style=style)
    return _link(plan, layer)


@transaction.atomic
def add_raster_layer(*, plan: Plan, name: str, upload, world_file=None,
                     srid: int | None = None) -> PlanLayer:
    layer = gis_layers.create_raster_layer(name=name, upload=upload, world_file=world_file,
                                           srid=srid)
    return _link(plan, layer)


def _link(plan: Plan, layer: Layer) -> PlanLayer:
    if plan.is_published:
        Layer.objects.filter(pk=layer.pk).update(is_public=True)
        forget_layer_tiles([layer.uid])
        layer.is_public = True
    return PlanLayer.objects.create(plan=plan, layer=layer, order=plan.plan_layers.count())


@transaction.atomic
def remove_layer(*, plan_layer: PlanLayer) -> None:
    layer = plan_layer.layer
    plan_layer.delete()
    for field in (layer.source_file, layer.world_file, layer.cog_file):
        if field:
            field.delete(save=False)
    layer.delete()
