"""A map layer: vector features in the database or a raster (Cloud Optimized GeoTIFF).

The gis app knows nothing of plans or procedures: the owner of a layer (e.g. a plan) links to it
and sets `is_public` when its own content is published. Tiles and GeoJSON of a non-public layer
answer 404.
"""

import uuid

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class LayerKind(models.TextChoices):
    VECTOR = "vector", _("vector")
    RASTER = "raster", _("raster")


class IngestStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


def private_upload_path(instance, filename: str) -> str:
    # Generated names only; the user's file name is kept as data, never as a path.
    return f"private/layers/{instance.uid}/source"


def cog_path(instance, filename: str) -> str:
    # Private: tiles of a non-public layer answer 404, so its raster must not be a static file.
    return f"private/layers/{instance.uid}/raster.tif"


class Layer(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=LayerKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=IngestStatus.choices, default=IngestStatus.QUEUED
    )
    status_message = models.TextField(_("status message"), blank=True)
    source_file = models.FileField(_("uploaded file"), upload_to=private_upload_path, blank=True)
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    source_crs = models.CharField(_("source CRS"), max_length=100, blank=True)
    source_srid = models.IntegerField(_("chosen CRS (EPSG)"), null=True, blank=True)
    world_file = models.FileField(_("world file"), upload_to=private_upload_path, blank=True)
    cog_file = models.FileField(_("raster (COG)"), upload_to=cog_path, blank=True)
    style = models.JSONField(_("style"), default=dict, blank=True)
    attribute_fields = models.JSONField(_("attribute fields"), default=list, blank=True)
    feature_count = models.IntegerField(_("number of features"), default=0)
    extent = models.PolygonField(
        _("extent"), srid=settings.PORTAL_STORAGE_SRID, null=True, blank=True
    )
    raster_info = models.JSONField(_("raster metadata"), default=dict, blank=True)
    report = models.JSONField(_("ingest report"), default=dict, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("map layer")
        verbose_name_plural = _("map layers")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ready(self) -> bool:
        return self.status == IngestStatus.DONE
