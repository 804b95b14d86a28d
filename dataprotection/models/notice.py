"""Privacy notices per procedure (or per module without procedures, e.g. incident reports):
published versions, immutable once published, and which version a contribution accepted."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegalBasis(models.TextChoices):
    PUBLIC_TASK = "public_task", _("performance of a task in the public interest "
                                   "(Art. 6(1)(e) GDPR)")
    CONSENT = "consent", _("consent (Art. 6(1)(a) GDPR)")


class NoticeVersion(models.Model):
    """One published version of the privacy notice of a procedure (`procedure` set) or of a
    module of an authority (`procedure` empty, `module` its code). Never changed after it was
    published: an edit publishes the next number."""

    TENANT_FIELD = "authority"

    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.CASCADE, related_name="+")
    procedure = models.ForeignKey("portal.Procedure", verbose_name=_("procedure"),
                                  on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+")
    module = models.CharField(_("module"), max_length=40)
    number = models.PositiveIntegerField(_("version"))
    legal_basis = models.CharField(_("legal basis"), max_length=20,
                                   choices=LegalBasis.choices)
    text_de = models.TextField(_("text (German)"))
    text_en = models.TextField(_("text (English)"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"],
                                    condition=Q(procedure__isnull=False),
                                    name="one_notice_version_per_procedure"),
            models.UniqueConstraint(fields=["authority", "module", "number"],
                                    condition=Q(procedure__isnull=True),
                                    name="one_notice_version_per_module"),
        ]

    def __str__(self) -> str:
        return f"{self.module} v{self.number}"

    def save(self, *args, **kwargs):
        # The invariant, not a flow: a published version is never rewritten.
        if self.pk is not None:
            raise ValidationError(_("A published version of a privacy notice cannot be changed."))
        super().save(*args, **kwargs)

    def text_for(self, language: str) -> str:
        return self.text_en if (language or "").startswith("en") else self.text_de


class NoticeAcceptance(models.Model):
    """That one contribution (any model: a statement, a comment, a survey response …) was given
    with this version accepted. Generic, so no module's model needs a field for it."""

    # CASCADE: a procedure deleted with its contributions takes its notices and these along.
    version = models.ForeignKey(NoticeVersion, verbose_name=_("privacy notice version"),
                                on_delete=models.CASCADE, related_name="acceptances")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    contribution = GenericForeignKey("content_type", "object_id")
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        verbose_name = _("accepted privacy notice")
        verbose_name_plural = _("accepted privacy notices")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"],
                                    name="one_accepted_notice_per_contribution"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} v{self.version.number}"


class ChecklistTick(models.Model):
    """An item of the checklist before a procedure opens, ticked off by someone at a time."""

    procedure = models.ForeignKey("portal.Procedure", verbose_name=_("procedure"),
                                  on_delete=models.CASCADE, related_name="+")
    item = models.CharField(_("item"), max_length=40)
    ticked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ticked off by"),
                                  on_delete=models.SET_NULL, null=True, related_name="+")
    ticked_at = models.DateTimeField(_("ticked off"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist item done")
        verbose_name_plural = _("checklist items done")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "item"],
                                    name="one_tick_per_checklist_item"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure_id}: {self.item}"
