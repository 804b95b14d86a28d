"""Vector layer ingest: read the uploaded file (GDAL, hardened), write its features in one
transaction, record the report. A failure leaves no feature behind and says why."""

import logging
from pathlib import Path

from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import Polygon
from django.db import transaction
from django.utils.translation import gettext as _

from ..errors import InputError
from ..models import Feature, IngestStatus, Layer
from ..srid import storage_srid
from ..styles import with_value_styles
from ..vector_files import VectorLayer, read_vector_file
from .failure import record_failure

logger = logging.getLogger(__name__)
MAX_FEATURES = 200_000


def _write_features(layer: Layer, data: VectorLayer, style_attribute: str | None) -> None:
    Feature.objects.filter(layer=layer).delete()
    Feature.objects.bulk_create(
        (
            Feature(
                layer=layer,
                geometry=item.geometry,
                attributes=item.attributes,
                source_index=item.index,
                style_key=str(item.attributes.get(style_attribute) or "")[:100]
                if style_attribute else "",
            )
            for item in data.features
        ),
        batch_size=1000,
    )


def _extent_polygon(layer: Layer) -> Polygon | None:
    box = Feature.objects.filter(layer=layer).aggregate(box=Extent("geometry"))["box"]
    if box is None:
        return None
    polygon = Polygon.from_bbox(box)
    polygon.srid = storage_srid()
    return polygon


def ingest_vector(layer: Layer, path: Path) -> None:
    """Read `path` into `layer` (status running -> done/failed)."""
    style_attribute = (layer.style or {}).get("attribute")
    try:
        data = read_vector_file(path, target_srid=storage_srid(), max_features=MAX_FEATURES)
        if not data.features:
            raise InputError(_("The file contains no features."))
        with transaction.atomic():
            _write_features(layer, data, style_attribute)
            layer.extent = _extent_polygon(layer)
            layer.feature_count = len(data.features)
            layer.attribute_fields = data.fields
            if style_attribute:
                keys = Feature.objects.filter(layer=layer).order_by().values_list(
                    "style_key", flat=True).distinct()
                layer.style = with_value_styles(layer.style, list(keys))
            layer.source_crs = data.source_crs
            layer.report = {
                "driver": data.driver,
                "features": len(data.features),
                "repaired": [
                    {"feature": f.index, "reason": f.repair.reason} for f in data.repaired
                ],
            }
            layer.status = IngestStatus.DONE
            layer.status_message = ""
            layer.version += 1
            layer.save()
    except InputError as exc:
        record_failure(layer, str(exc))
    except Exception:  # any crash must end as a visible failed status
        logger.exception("Ingest of layer %s failed", layer.pk)
        record_failure(layer, _("The file could not be processed. Please check it and try again."))
