"""Every saved or deleted layer leaves the tile cache (gis/tiles/server_cache.py).

Saves cover ingest (status, version), renames and visibility changes made through the model;
the services that change layers with `QuerySet.update()` call forget_layer_tiles themselves.
"""

from django.db.models.signals import post_delete, post_save

from ..models import Layer
from .server_cache import forget_layer_tiles


def _layer_changed(sender, instance: Layer, **kwargs) -> None:
    forget_layer_tiles([instance.uid])


def connect() -> None:
    post_save.connect(_layer_changed, sender=Layer, dispatch_uid="gis.tiles.layer-saved")
    post_delete.connect(_layer_changed, sender=Layer, dispatch_uid="gis.tiles.layer-deleted")
