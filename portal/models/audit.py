"""The audit log of administrative actions of an authority (docs/staff-admin.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_REMOVED = "member_removed", _("Member removed")
    MODULES_CHANGED = "modules_changed", _("Modules switched")
    SETTINGS_CHANGED = "settings_changed", _("Settings changed")


class AuditEntry(models.Model):
    """Who did what, when, to which authority; `before` and `after` hold the changed values
    (JSON objects of field name → value). Entries are only ever added, never changed."""

    authority = models.ForeignKey("portal.Authority", verbose_name=_("authority"),
                                  on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                              on_delete=models.SET_NULL, null=True, related_name="+")
    #: The actor's name at the time, kept when the account is deleted.
    actor_name = models.CharField(_("by (name)"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    #: Whom or what the action concerned, e.g. the e-mail address of a member.
    subject = models.CharField(_("concerning"), max_length=300, blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["authority", "action", "created_at"],
                                name="audit_authority_action")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action}"
