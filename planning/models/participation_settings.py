"""How a phase takes statements: identity, topics, co-signing, public display, privacy notice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityMode(models.TextChoices):
    ANONYMOUS_ALLOWED = "anonymous_allowed", _("anonymous or with name")
    NAMED = "named", _("name and postal address required")


class StatementRules(models.Model):
    """What a phase offers to those who make statements (docs/participation-settings.md)."""

    identity = models.CharField(_("identity of submitters"), max_length=20,
                                choices=IdentityMode.choices, default=IdentityMode.ANONYMOUS_ALLOWED)
    topics = models.JSONField(_("topics offered"), default=list, blank=True)
    allow_cosigning = models.BooleanField(_("allow co-signing of displayed statements"),
                                          default=False)
    display_publicly = models.BooleanField(_("display statements publicly after moderation"),
                                           default=False)

    class Meta:
        abstract = True


class StatementSettings(StatementRules):
    """A phase's own statement settings; a phase without them follows its authority's
    ParticipationDefaults (planning.services.participation_settings.settings_for_phase)."""

    TENANT_FIELD = "phase__procedure__authority"

    phase = models.OneToOneField("portal.Phase", on_delete=models.CASCADE,
                                 related_name="statement_settings")

    class Meta:
        verbose_name = _("statement settings")
        verbose_name_plural = _("statement settings")

    def __str__(self) -> str:
        return str(self.phase)


class ParticipationDefaults(StatementRules):
    """An authority's defaults for the statement settings of its participation phases."""

    TENANT_FIELD = "authority"

    authority = models.OneToOneField("portal.Authority", on_delete=models.CASCADE,
                                     related_name="participation_defaults")

    class Meta:
        verbose_name = _("participation defaults")
        verbose_name_plural = _("participation defaults")

    def __str__(self) -> str:
        return str(self.authority)


class PrivacyNotice(models.Model):
    """A versioned data-protection notice of an authority; statements record which they accepted."""

    authority = models.ForeignKey("portal.Authority", on_delete=models.PROTECT,
                                  related_name="privacy_notices")
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("data-protection notice")
        verbose_name_plural = _("data-protection notices")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "version"], name="one_notice_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.authority} v{self.version}"
