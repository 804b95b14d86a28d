"""The optional local address index: addresses of the region the portal serves, imported from an
open address list (manage.py import_addresses), so the plan search finds addresses without an
external geocoder. Empty by default."""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _


class Address(models.Model):
    street = models.CharField(_("street"), max_length=200)
    housenumber = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    #: Lower-case street with "str." / "strasse" written as "straße": what a search compares.
    street_key = models.CharField(max_length=200, db_index=True, editable=False)
    location = models.PointField(_("location"), srid=settings.PORTAL_STORAGE_SRID)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["street_key", "housenumber", "pk"]

    def __str__(self) -> str:
        number = f" {self.housenumber}" if self.housenumber else ""
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return f"{self.street}{number}, {place}" if place else f"{self.street}{number}"
