"""Retention rules: how long an authority keeps one type of personal data."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRule(models.Model):
    """Per authority and data type (dataprotection/data_types.py); where an authority has no
    rule for a type, the type's default applies."""

    TENANT_FIELD = "authority"

    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.CASCADE, related_name="retention_rules")
    data_type = models.CharField(_("type of data"), max_length=40)
    #: At most 100 years: "keep" is a rule switched off, not a huge number.
    months = models.PositiveIntegerField(_("months"), validators=[MaxValueValidator(1200)])
    is_active = models.BooleanField(_("apply this rule"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["authority", "data_type"]
        constraints = [models.UniqueConstraint(fields=["authority", "data_type"],
                                               name="one_retention_rule_per_type")]

    def __str__(self) -> str:
        return f"{self.authority}: {self.data_type} ({self.months})"

    def clean(self) -> None:
        from ..data_types import data_type

        if data_type(self.data_type) is None:
            raise ValidationError({"data_type": _("Unknown type of data.")})
