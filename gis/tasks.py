"""Background tasks of the gis app (django-tasks; database queue by default)."""

import logging
import shutil
import tempfile
from pathlib import Path, PurePath

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from .models import IngestStatus, Layer, LayerKind
from .tiles.server_cache import forget_layer_tiles

logger = logging.getLogger(__name__)


def _local_copy(field, suffix: str, directory: Path) -> Path:
    """Copy a stored file to a private temp dir under a generated name (never the user's)."""
    target = directory / f"input{suffix}"
    with field.open("rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
    return target


@task(queue_name="ingest")
def ingest_layer(layer_id: int) -> str:
    with transaction.atomic():
        layer = Layer.objects.select_for_update().filter(pk=layer_id).first()
        if layer is None or layer.status not in (IngestStatus.QUEUED, IngestStatus.FAILED):
            return "skipped"
        layer.status = IngestStatus.RUNNING
        layer.save(update_fields=["status", "updated_at"])
    if not layer.source_file:  # a failed layer's file is not kept: nothing to run again
        from .ingest.failure import record_failure

        record_failure(layer, _("The uploaded file is no longer stored."))
        return layer.status
    suffix = PurePath(layer.source_name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="ingest-") as tmp:
        directory = Path(tmp)
        source = _local_copy(layer.source_file, suffix, directory)
        if layer.kind == LayerKind.VECTOR:
            from .ingest.vector import ingest_vector

            ingest_vector(layer, source)
        else:
            from .ingest.raster import ingest_raster

            world = None
            if layer.world_file:
                world = _local_copy(layer.world_file, ".wld", directory)
            ingest_raster(layer, source, world)
    layer.refresh_from_db(fields=["status"])
    return layer.status


def mark_ingest_interrupted(layer_id: int) -> None:
    """The ingest task was given up (its worker died): the staff see "failed" with the reason,
    never "running" forever (portal.worker.recovery)."""
    interrupted = Layer.objects.filter(pk=layer_id,
                                       status__in=(IngestStatus.QUEUED, IngestStatus.RUNNING))
    forget_layer_tiles(interrupted.values_list("uid", flat=True))
    interrupted.update(
        status=IngestStatus.FAILED,
        status_message=_("The processing was interrupted because the background worker "
                         "stopped. Please upload the file again."))
