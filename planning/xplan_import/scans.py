"""Raster scans of an imported plan (Bereich refScan) as raster layers of the plan.

A georeferenced scan (a world file or GeoTIFF geotransform among the uploaded files) becomes a
gis raster Layer with the original image (and world file) as its upload; the existing ingest
task (gis.tasks.ingest_layer) converts it to a COG once the import has committed. The CRS of the
world file is the plan's. A scan that cannot be placed (no world file, or a CRS the raster
pipeline does not offer) is kept as a document of the plan, with a warning.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from gis.models import IngestStatus, Layer, LayerKind
from gis.raster.crs import ALLOWED_SOURCE_SRIDS
from portal.worker.outbox import enqueue_with_transaction

from ..models import Plan, PlanLayer
from ..xplanung import Message
from ..xplanung import Plan as XPlan
from .plan_documents import RASTER_DOCUMENT_KIND, add_plan_document
from .stored_files import StoredFiles


def _queue_ingest(layer_id: int) -> None:
    from gis.tasks import ingest_layer

    enqueue_with_transaction(ingest_layer, layer_id)  # with the layer row, or not at all


def create_scan_layers(*, plan: Plan, xplan: XPlan, files: dict[str, Path], stored: StoredFiles,
                       first_order: int, document_order: int) -> tuple[int, list[Message]]:
    """Raster layers (or documents) for the plan's scans; returns (layers created, messages)."""
    messages: list[Message] = []
    srid = xplan.area.srid if xplan.area is not None else None
    offered_srid = srid if srid in ALLOWED_SOURCE_SRIDS else None
    created = 0
    seen: set[str] = set()
    for raster in xplan.rasters:
        path = files.get(raster.file_name) if raster.file_name else None
        if path is None or raster.file_name in seen:
            continue  # the reader has reported a missing file already
        seen.add(raster.file_name)
        where = {"line": raster.line, "gml_id": raster.bereich_id or xplan.gml_id}
        world = files.get(raster.world_file) if raster.world_file else None
        if raster.georeferenced and (world is None or offered_srid):
            layer = Layer(
                name=(raster.name or raster.file_name)[:200], kind=LayerKind.RASTER,
                source_name=raster.file_name[:255], source_srid=offered_srid,
                status=IngestStatus.QUEUED, is_public=plan.is_published,
            )
            stored.save(layer.source_file, "source", path)
            if world is not None:
                stored.save(layer.world_file, "world", world)
            layer.save()
            PlanLayer.objects.create(plan=plan, layer=layer, order=first_order + created)
            _queue_ingest(layer.pk)
            created += 1
            continue
        if raster.georeferenced:
            reason = _("its coordinate reference system EPSG:%(srid)s is not offered for scans") % {
                "srid": srid}
        else:
            reason = _("it has no world file")
        messages.append(Message("warning", "scan_not_placed", _(
            "The scan “%(name)s” cannot be placed on the map (%(reason)s); it is kept as a "
            "document of the plan."
        ) % {"name": raster.file_name, "reason": reason}, **where))
        add_plan_document(plan=plan, kind=RASTER_DOCUMENT_KIND, title=raster.name or raster.file_name,
                          order=document_order + len(seen), file_name=raster.file_name, path=path,
                          href=raster.href, stored=stored)
    return created, messages
