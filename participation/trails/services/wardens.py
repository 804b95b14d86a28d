"""Trail wardens: invited by staff, assigned sections, accepting the invitation, inspection
walks.

Guarantees:
- An invitation names one e-mail address per authority (unique constraint); inviting the same
  address again renews the link and the sections instead of making a second warden.
- Only the SHA-256 of the invitation token is stored; the link works once and binds the
  signed-in account that opens it (a second warden record of the same user for the same
  authority is refused).
- Sections assigned must be on trails of the warden's authority (refused otherwise).
- The invitation e-mail is sent after the commit; a failing mail server never undoes it.
- An inspection walk covers only the warden's own sections; it is stored with its reports in
  one transaction.
"""

import hashlib
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Inspection, TrailSection, Warden

logger = logging.getLogger(__name__)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_sections(authority, sections) -> list[TrailSection]:
    sections = list(sections)
    if any(section.trail.authority_id != authority.pk for section in sections):
        raise ValidationError(_("A section of another authority cannot be assigned."))
    return sections


def invite_warden(*, authority, email: str, sections, invited_by, link_for) -> Warden:
    """Create (or renew) the warden record of `email` and mail the invitation link.
    `link_for(token)` builds the absolute link."""
    email = (email or "").strip()
    if any(ord(ch) < 32 for ch in email):
        raise ValidationError(_("Please enter a valid e-mail address."))
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(_("Please enter a valid e-mail address.")) from exc
    sections = _check_sections(authority, sections)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        warden = Warden.objects.filter(authority=authority, email__iexact=email).first()
        if warden is None:
            warden = Warden(authority=authority, email=email)
        warden.invited_by = invited_by
        if warden.user_id is None:
            warden.invitation_hash = token_hash(token)
        warden.save()
        warden.sections.set(sections)
    if warden.user_id is None:
        link = link_for(token)
        transaction.on_commit(lambda: _send_invitation(warden.pk, link))
    return warden


def _send_invitation(warden_id: int, link: str) -> None:
    warden = Warden.objects.select_related("authority").filter(pk=warden_id).first()
    if warden is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("Invitation as a trail warden of %(authority)s") % {
            "authority": warden.authority.name}
        body = render_to_string("trails/emails/invitation.txt",
                                {"warden": warden, "link": link})
    try:
        EmailMessage(subject=subject, body=body, to=[warden.email],
                     from_email=settings.DEFAULT_FROM_EMAIL).send()
    except Exception:  # SMTP down: the invitation can be sent again
        logger.warning("Trail warden invitation mail failed", exc_info=True)


def set_sections(*, warden: Warden, sections) -> None:
    warden.sections.set(_check_sections(warden.authority, sections))


def accept_invitation(*, token: str, user) -> Warden:
    """Bind the invitation of `token` to `user`. Raises ValidationError when unknown/used."""
    if not token or len(token) > 100:
        raise ValidationError(_("This invitation link is not valid (any more)."))
    try:
        with transaction.atomic():
            warden = (Warden.objects.select_for_update()
                      .filter(invitation_hash=token_hash(token), user__isnull=True).first())
            if warden is None:
                raise ValidationError(_("This invitation link is not valid (any more)."))
            if Warden.objects.filter(authority=warden.authority, user=user).exists():
                raise ValidationError(_("You are already a trail warden of this authority."))
            warden.user = user
            warden.invitation_hash = ""
            warden.accepted_at = timezone.now()
            warden.save(update_fields=["user", "invitation_hash", "accepted_at"])
    except IntegrityError as exc:
        raise ValidationError(_("You are already a trail warden of this authority.")) from exc
    return warden


def record_inspection(*, warden: Warden, walked_on, sections, findings: str,
                      reports=(), new_report=None) -> Inspection:
    """`new_report`: None, or a callable that stores a report from a finding (in the walk's
    transaction: refused, nothing of the walk stays) and returns (report, created)."""
    sections = list(sections)
    own = set(warden.sections.values_list("pk", flat=True))
    if not sections:
        raise ValidationError(_("Choose at least one section you walked."))
    if any(section.pk not in own for section in sections):
        raise ValidationError(_("You can only record walks of your own sections."))
    if walked_on > timezone.localdate():
        raise ValidationError(_("The date of the walk cannot lie in the future."))
    findings = (findings or "").strip()
    if len(findings) > 5000:
        raise ValidationError(_("The findings are too long (at most 5000 characters)."))
    with transaction.atomic():
        reports = list(reports)
        if new_report is not None:
            report, _created = new_report()
            reports.append(report)
        inspection = Inspection(warden=warden, walked_on=walked_on, findings=findings)
        inspection.full_clean()
        inspection.save()
        inspection.sections.set(sections)
        inspection.reports.set(reports)
    return inspection
