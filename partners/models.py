"""A state partner (another Land with a licence for this installation) and its administrators.

A partner's authorities are those whose AGS begins with the partner's Land key (the first two
digits of the Amtlicher Gemeindeschlüssel: 05 North Rhine-Westphalia, 14 Saxony, …): the
official key decides, so no authority can be in two partners' hands and none needs a second
field to say where it belongs (docs/partners.md)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

land_key_validator = RegexValidator(
    r"^(0[1-9]|1[0-6])$", _("Enter the Land key: two digits from 01 to 16, e.g. 05 for "
                            "North Rhine-Westphalia."))


class StatePartner(models.Model):
    name = models.CharField(_("name"), max_length=200)
    land_key = models.CharField(_("Land key (first two digits of the AGS)"), max_length=2,
                                unique=True, validators=[land_key_validator])
    licence_number = models.CharField(_("licence number"), max_length=100)
    licence_valid_until = models.DateField(_("licence valid until"), null=True, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("state partner")
        verbose_name_plural = _("state partners")
        ordering = ["land_key"]

    def __str__(self) -> str:
        return f"{self.name} ({self.land_key})"


class PartnerAdmin(models.Model):
    partner = models.ForeignKey(StatePartner, on_delete=models.CASCADE, related_name="admins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="partner_admin_roles")
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)

    class Meta:
        verbose_name = _("administrator of a state partner")
        verbose_name_plural = _("administrators of state partners")
        constraints = [models.UniqueConstraint(fields=["partner", "user"],
                                               name="partner_admin_once")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.partner}"
