"""A survey: a procedure of kind "survey" whose phase "survey_open" opens and closes it."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationMode(models.TextChoices):
    ANONYMOUS = "anonymous", _("anonymous")
    ACCOUNT = "account", _("with a citizen account")
    TOKEN = "token", _("with an invitation code")


class Survey(models.Model):
    TENANT_FIELD = "authority"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.PROTECT, related_name="surveys")
    procedure = models.OneToOneField("portal.Procedure", verbose_name=_("procedure"),
                                     on_delete=models.CASCADE, related_name="survey")
    title = models.CharField(_("title"), max_length=300)
    intro = models.TextField(_("introduction"), blank=True)
    participation = models.CharField(_("participation"), max_length=20,
                                     choices=ParticipationMode.choices,
                                     default=ParticipationMode.ANONYMOUS)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    results_published_at = models.DateTimeField(_("results published"), null=True,
                                                blank=True)
    results_published_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                             verbose_name=_("results published by"),
                                             null=True, blank=True, on_delete=models.SET_NULL,
                                             related_name="+")

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        from ..apps import PHASE_KIND

        return self.procedure.phases.open_at(now).filter(kind=PHASE_KIND).exists()


def new_code() -> str:
    """A random code that starts with a letter or digit (never read as a formula)."""
    while True:
        code = secrets.token_urlsafe(9)
        if code[0].isalnum():
            return code


class SurveyToken(models.Model):
    """A one-time invitation code (printed, or mailed to one address)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    code = models.CharField(_("code"), max_length=40, unique=True, default=new_code)
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")

    def __str__(self) -> str:
        return self.code
