"""A vector feature of a layer, with its attributes kept as they came."""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class Feature(models.Model):
    layer = models.ForeignKey(
        "portal_gis.Layer", verbose_name=_("layer"), on_delete=models.CASCADE,
        related_name="features",
    )
    geometry = models.GeometryField(_("geometry"), srid=settings.PORTAL_STORAGE_SRID)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    #: Class of the object in its source model, e.g. "BP_BaugebietsTeilFlaeche" (XPlanung).
    feature_class = models.CharField(_("class"), max_length=100, blank=True, db_index=True)
    #: Identifier in the source, e.g. the gml:id.
    external_id = models.CharField(_("source identifier"), max_length=200, blank=True)
    #: Value the layer style is keyed on (e.g. a use code); duplicated out of `attributes` so
    #: tiles can carry it without JSON extraction.
    style_key = models.CharField(_("style key"), max_length=100, blank=True)
    label = models.CharField(_("label"), max_length=300, blank=True)
    source_index = models.IntegerField(_("number in the source"), default=0)

    class Meta:
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        ordering = ["layer", "source_index"]
        indexes = [models.Index(fields=["layer", "source_index"])]

    def __str__(self) -> str:
        return self.label or f"{self.feature_class or 'feature'} {self.source_index}"
