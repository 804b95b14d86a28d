"""Raster layer ingest: convert the upload to a Cloud Optimized GeoTIFF in the sandbox
(gis/raster/pipeline.py) and record its metadata. A failure keeps no COG and says why."""

import logging
import tempfile
from pathlib import Path

from django.contrib.gis.geos import Polygon
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from ..errors import InputError
from ..models import IngestStatus, Layer
from ..raster.pipeline import convert_to_cog
from ..srid import WEB_MERCATOR, storage_srid
from .failure import record_failure

logger = logging.getLogger(__name__)


def _extent(bounds_3857) -> Polygon | None:
    if not bounds_3857:
        return None
    polygon = Polygon.from_bbox(bounds_3857)
    polygon.srid = WEB_MERCATOR
    polygon.transform(storage_srid())
    return polygon


def ingest_raster(layer: Layer, source: Path, world_file: Path | None) -> None:
    try:
        with tempfile.TemporaryDirectory(prefix="cog-") as tmp:
            out_path = Path(tmp) / "raster.tif"
            info = convert_to_cog(source, out_path=out_path, world_file=world_file,
                                  srid=layer.source_srid, display_name=layer.source_name)
            with transaction.atomic():
                old = layer.cog_file.name if layer.cog_file else None
                with open(out_path, "rb") as handle:
                    layer.cog_file.save("raster.tif", File(handle), save=False)
                info.pop("output_path", None)
                layer.raster_info = info
                layer.source_crs = info.get("source_crs") or ""
                layer.extent = _extent(info.get("bounds_3857"))
                layer.report = {"warnings": info.get("warnings", [])}
                layer.status = IngestStatus.DONE
                layer.status_message = ""
                layer.version += 1
                layer.save()
            if old and old != layer.cog_file.name:
                layer.cog_file.storage.delete(old)
    except InputError as exc:
        record_failure(layer, str(exc))
    except Exception:  # any crash must end as a visible failed status
        logger.exception("Raster ingest of layer %s failed", layer.pk)
        record_failure(layer, _("The file could not be processed. Please check it and try again."))
