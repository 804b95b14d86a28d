"""Staff of an authority: invitations by e-mail, roles, removal (docs/staff-admin.md).

Guarantees:
- **Every action is audited** in the same transaction (portal.services.audit): an action that
  fails leaves neither a change nor an entry.
- **An authority keeps an administrator.** The last direct admin membership can be neither
  demoted nor removed; the admin memberships are locked while this is checked, so two admins
  demoting each other at the same moment cannot both succeed.
- **Invitation links are signed and expire** (`PORTAL_STAFF_INVITATION_DAYS`); a link is
  valid only while its invitation is pending (not accepted, revoked or expired), and it is
  used once. What an invalid link answers does not say why, and the inviting admin is told
  the same whether the address has an account or not (no enumeration).
- **Mail after commit:** the invitation e-mail is sent when the invitation is stored.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AuditAction, Authority, Membership, Role, StaffInvitation
from . import audit

SALT = "portal.staff-invitation"


def invitation_token(invitation: StaffInvitation) -> str:
    return signing.dumps(invitation.pk, salt=SALT)


def invitation_url(invitation: StaffInvitation) -> str:
    return reverse("portal:staff-invitation", kwargs={"token": invitation_token(invitation)})


def pending_invitation(token: str) -> StaffInvitation | None:
    """The pending invitation of a link, or None (bad signature, expired, used, revoked)."""
    max_age = timedelta(days=settings.PORTAL_STAFF_INVITATION_DAYS)
    try:
        pk = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    invitation = (StaffInvitation.objects.select_related("authority")
                  .filter(pk=pk, authority__is_active=True).first())
    if invitation is None or not invitation.is_pending():
        return None
    return invitation


def _label(role: str) -> str:
    return str(Role(role).label)


def invite(*, authority: Authority, email: str, role: str, invited_by,
           base_url: str) -> StaffInvitation:
    """Invite `email` to `authority` with `role`; a pending invitation of the same address is
    replaced. Raises ValidationError when the address is already a member."""
    email = email.strip()
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles.")})
    with transaction.atomic():
        if Membership.objects.filter(authority=authority, user__email__iexact=email).exists():
            raise ValidationError({"email": _(
                "A member of this authority already uses this e-mail address; change their "
                "role in the list instead.")})
        now = timezone.now()
        for old in StaffInvitation.objects.select_for_update().filter(
                authority=authority, email__iexact=email, accepted_at=None, revoked_at=None):
            old.revoked_at = now
            old.save(update_fields=["revoked_at"])
        invitation = StaffInvitation(
            authority=authority, email=email, role=role, invited_by=invited_by,
            created_at=now,
            expires_at=now + timedelta(days=settings.PORTAL_STAFF_INVITATION_DAYS))
        invitation.full_clean()
        invitation.save()
        audit.record(authority=authority, actor=invited_by, action=AuditAction.INVITATION_SENT,
                     subject=email, after={"email": email, "role": role})
        link = base_url.rstrip("/") + invitation_url(invitation)
        transaction.on_commit(lambda: _send_invitation(invitation, link))
    return invitation


def _send_invitation(invitation: StaffInvitation, link: str) -> None:
    context = {
        "authority": invitation.authority, "role": _label(invitation.role), "link": link,
        "expires_at": invitation.expires_at, "portal_name": settings.PORTAL_NAME,
        "days": settings.PORTAL_STAFF_INVITATION_DAYS,
    }
    subject = _("Invitation to the staff of %(authority)s") % {
        "authority": invitation.authority.name}
    body = render_to_string("portal/staff_admin/invitation_mail.txt", context)
    send_mail(subject, body, None, [invitation.email])


def revoke(*, invitation: StaffInvitation, by) -> None:
    with transaction.atomic():
        invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_pending():
            raise ValidationError(_("This invitation is no longer pending."))
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(authority=invitation.authority, actor=by,
                     action=AuditAction.INVITATION_REVOKED, subject=invitation.email,
                     before={"email": invitation.email, "role": invitation.role})


def accept(*, invitation: StaffInvitation, user) -> Membership:
    """`user` joins with the invited role (an existing membership keeps the higher of the two
    only if it is admin; otherwise takes the invited role). The invitation is used up."""
    with transaction.atomic():
        invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_pending():
            raise ValidationError(_("This invitation link is not valid (any more)."))
        membership = Membership.objects.filter(user=user, authority=invitation.authority).first()
        before = {"role": membership.role} if membership else {}
        if membership is None:
            membership = Membership.objects.create(
                user=user, authority=invitation.authority, role=invitation.role)
        elif membership.role != Role.ADMIN:
            membership.role = invitation.role
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record(authority=invitation.authority, actor=user,
                     action=AuditAction.INVITATION_ACCEPTED, subject=invitation.email,
                     before=before, after={"user": user.get_username(),
                                           "role": membership.role})
    return membership


def create_invited_account(*, invitation: StaffInvitation, password: str, first_name: str = "",
                           last_name: str = ""):
    """A new account for the invited address (user name = the address) that joins at once."""
    User = get_user_model()
    with transaction.atomic():
        if account_for(invitation) is not None:
            raise ValidationError(_("An account with this e-mail address exists already: "
                                    "please sign in with it."))
        user = User(username=invitation.email.lower()[:150], email=invitation.email,
                    first_name=first_name, last_name=last_name)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        accept(invitation=invitation, user=user)
    return user


def account_for(invitation: StaffInvitation):
    """The existing account of the invited address (by e-mail or user name), if any."""
    User = get_user_model()
    email = invitation.email
    return (User.objects.filter(email__iexact=email).order_by("pk").first()
            or User.objects.filter(username__iexact=email).first())


def _locked_admins(authority: Authority) -> int:
    return len(list(Membership.objects.select_for_update().filter(
        authority=authority, role=Role.ADMIN).values_list("pk", flat=True)))


def change_role(*, membership: Membership, role: str, by) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles.")})
    with transaction.atomic():
        admins = _locked_admins(membership.authority)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Role.ADMIN and admins <= 1:
            raise ValidationError({"role": _(
                "%(name)s is the last administrator of this authority; appoint another "
                "administrator first.") % {"name": audit.actor_name(membership.user)}})
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(authority=membership.authority, actor=by, action=AuditAction.ROLE_CHANGED,
                     subject=audit.actor_name(membership.user),
                     before={"role": before}, after={"role": role})
    return membership


def remove_member(*, membership: Membership, by) -> None:
    with transaction.atomic():
        admins = _locked_admins(membership.authority)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Role.ADMIN and admins <= 1:
            raise ValidationError(_(
                "%(name)s is the last administrator of this authority and cannot be removed; "
                "appoint another administrator first.") % {
                    "name": audit.actor_name(membership.user)})
        audit.record(authority=membership.authority, actor=by,
                     action=AuditAction.MEMBER_REMOVED, subject=audit.actor_name(membership.user),
                     before={"user": membership.user.get_username(),
                             "role": membership.role})
        membership.delete()
