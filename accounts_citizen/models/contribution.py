"""The link between a citizen's account and something they contributed (a statement, later
survey answers, incident reports, ...). The contribution itself stays in its module and knows
nothing of accounts; its module's provider (contributions/registry.py) reads it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Contribution(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="citizen_contributions")
    kind = models.CharField(_("kind"), max_length=40)  # the provider's key, e.g. "statement"
    object_uid = models.UUIDField(_("contribution"), default=uuid.uuid4)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The status the citizen last knew of (ContributionRow.status_key): set when linked,
    # advanced by services/notifications.py, which mails each change.
    notified_status = models.CharField(_("status last notified"), max_length=40, blank=True)
    # Made on behalf of this organisation (its members see it on the organisation's page).
    organisation = models.ForeignKey("accounts_citizen.Organisation", on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="contributions",
                                     verbose_name=_("on behalf of"))

    class Meta:
        verbose_name = _("contribution of a citizen")
        verbose_name_plural = _("contributions of citizens")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_uid"],
                                    name="citizen_contribution_once"),
        ]
        indexes = [models.Index(fields=["user", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_uid}"
