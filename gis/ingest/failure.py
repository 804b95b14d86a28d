"""A failed ingest: a visible error record without the refused file.

The layer row stays, with status "failed" and a message for the staff page, so the planner sees
what went wrong with which upload. The uploaded source (and world file) is deleted at once: a
refused file is not kept on the server, and the message says so. The message never contains a
server path (temporary directories of the worker are named by GDAL and zipfile errors).
"""

from django.utils.translation import gettext as _

from ..errors import without_paths
from ..models import IngestStatus, Layer
from ..tiles.server_cache import forget_layer_tiles


def record_failure(layer: Layer, message: str) -> None:
    """Mark `layer` failed with `message`, and delete its uploaded files."""
    stored = [field.name for field in (layer.source_file, layer.world_file) if field]
    storage = layer.source_file.storage
    text = " ".join([without_paths(message),
                     _("The uploaded file was not kept; please correct it and upload it again.")])
    Layer.objects.filter(pk=layer.pk).update(status=IngestStatus.FAILED, status_message=text,
                                             source_file="", world_file="")
    forget_layer_tiles([layer.uid])
    layer.status, layer.status_message = IngestStatus.FAILED, text
    layer.source_file, layer.world_file = "", ""
    for name in stored:
        storage.delete(name)
