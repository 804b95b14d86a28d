"""Creating layers from uploads. The request only stores the file and queues the ingest."""

from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ..errors import InputError
from ..models import IngestStatus, Layer, LayerKind
from ..tiles.server_cache import forget_layer_tiles

VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".zip", ".kml"}
RASTER_SUFFIXES = {".tif", ".tiff", ".png", ".jpg", ".jpeg"}
WORLD_FILE_SUFFIXES = {".pgw", ".jgw", ".wld", ".tfw", ".pngw", ".jpgw", ".tifw"}
#: EPSG codes a user may choose for a file that does not declare its CRS.
CHOOSABLE_SRIDS = (25832, 25833, 31466, 31467, 31468, 31469, 4326, 3857)


def max_upload_bytes() -> int:
    return getattr(settings, "PORTAL_MAX_LAYER_UPLOAD_BYTES", 200 * 1024 * 1024)


def _suffix(name: str, allowed: set[str], what: str) -> str:
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in allowed:
        raise InputError(
            _("“%(name)s” is not an accepted %(what)s file; accepted are: %(allowed)s.")
            % {"name": name, "what": what, "allowed": ", ".join(sorted(allowed))}
        )
    return suffix


def _check_size(upload: UploadedFile) -> None:
    if upload.size > max_upload_bytes():
        raise InputError(
            _("The file is %(size)d MB; at most %(max)d MB are allowed.")
            % {"size": upload.size // (1024 * 1024), "max": max_upload_bytes() // (1024 * 1024)}
        )
    if upload.size == 0:
        raise InputError(_("The file is empty."))


def _queue(layer: Layer) -> None:
    from ..tasks import ingest_layer

    transaction.on_commit(lambda: ingest_layer.enqueue(layer.pk))


@transaction.atomic
def create_vector_layer(*, name: str, upload: UploadedFile, style: dict | None = None) -> Layer:
    _suffix(upload.name, VECTOR_SUFFIXES, _("vector"))
    _check_size(upload)
    layer = Layer(name=name[:200] or upload.name[:200], kind=LayerKind.VECTOR,
                  source_name=upload.name[:255], style=style or {}, status=IngestStatus.QUEUED)
    layer.source_file.save("source", upload, save=False)
    layer.save()
    _queue(layer)
    return layer


@transaction.atomic
def create_raster_layer(*, name: str, upload: UploadedFile, world_file: UploadedFile | None = None,
                        srid: int | None = None) -> Layer:
    suffix = _suffix(upload.name, RASTER_SUFFIXES, _("raster"))
    _check_size(upload)
    if suffix in {".png", ".jpg", ".jpeg"}:
        if world_file is None:
            raise InputError(
                _("A PNG or JPEG scan needs its world file (.pgw, .jgw, .wld) to be placed on the map.")
            )
        if srid is None:
            raise InputError(_("Choose the coordinate reference system of the world file."))
    if world_file is not None:
        _suffix(world_file.name, WORLD_FILE_SUFFIXES, _("world"))
        if world_file.size > 10_000:
            raise InputError(_("The world file is too large to be a world file."))
    if srid is not None and srid not in CHOOSABLE_SRIDS:
        raise InputError(_("EPSG:%(srid)s is not one of the offered coordinate systems.") % {"srid": srid})
    layer = Layer(name=name[:200] or upload.name[:200], kind=LayerKind.RASTER,
                  source_name=upload.name[:255], source_srid=srid, status=IngestStatus.QUEUED)
    layer.source_file.save("source", upload, save=False)
    if world_file is not None:
        layer.world_file.save("world", world_file, save=False)
    layer.save()
    _queue(layer)
    return layer


def requeue(layer: Layer) -> None:
    Layer.objects.filter(pk=layer.pk).update(status=IngestStatus.QUEUED, status_message="")
    forget_layer_tiles([layer.uid])
    _queue(layer)
