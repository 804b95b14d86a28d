"""Organisations: founding, inviting members by e-mail, roles, leaving, and linking the public
agencies an organisation speaks for (docs/accounts.md, "Organisations")."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from planning.models import Agency

from ..models import Organisation, OrganisationAgency, OrganisationMember, OrganisationRole

INVITATION_SALT = "accounts_citizen.organisation-invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600  # seconds: an invitation link works for 14 days


def membership(user, organisation) -> OrganisationMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return OrganisationMember.objects.filter(user=user, organisation=organisation).first()


def is_admin(user, organisation) -> bool:
    member = membership(user, organisation)
    return member is not None and member.role == OrganisationRole.ADMIN


def require_admin(user, organisation) -> None:
    if not is_admin(user, organisation):
        raise PermissionDenied


@transaction.atomic
def found_organisation(*, user, name: str, kind: str, contact_name: str,
                       contact_email: str) -> Organisation:
    """A citizen founds an organisation and becomes its first administrator.

    Founding is idempotent per citizen: the same name and kind again (a double click, the form
    sent twice after "back") answers with the organisation this citizen already administers
    instead of a second one. The citizen's row is locked first, so two requests at once are
    decided one after the other (PostgreSQL; SQLite serialises writers anyway).
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    existing = (Organisation.objects
                .filter(name__iexact=name.strip(), kind=kind, members__user=user,
                        members__role=OrganisationRole.ADMIN)
                .order_by("pk").first())
    if existing is not None:
        return existing
    organisation = Organisation.objects.create(name=name, kind=kind, contact_name=contact_name,
                                               contact_email=contact_email)
    OrganisationMember.objects.create(organisation=organisation, user=user,
                                      role=OrganisationRole.ADMIN)
    return organisation


def invitation_token(organisation: Organisation, email: str) -> str:
    return signing.dumps({"o": organisation.pk, "e": email.strip().lower()}, salt=INVITATION_SALT)


def invite_member(*, by, organisation: Organisation, email: str, request=None) -> None:
    """Mail an invitation link to `email`. The answer is the same whether or not an account
    with that address exists (no enumeration): the mail says how to sign up or sign in."""
    require_admin(by, organisation)
    path = reverse("accounts_citizen:organisation-join",
                   kwargs={"token": invitation_token(organisation, email)})
    link = request.build_absolute_uri(path) if request is not None else path
    context = {"organisation": organisation, "link": link, "days": INVITATION_MAX_AGE // 86400}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts_citizen/mail/organisation_invitation_subject.txt",
                                   context).strip()
        body = render_to_string("accounts_citizen/mail/organisation_invitation.txt", context)
    send_mail(subject, body, None, [email])


@dataclass(frozen=True)
class Invitation:
    organisation: Organisation
    email: str


def read_invitation(token: str) -> Invitation:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(_("This invitation has expired. Ask the organisation for a new "
                                "one."), code="expired") from None
    except signing.BadSignature:
        raise ValidationError(_("This invitation link is not valid. Copy the whole link from "
                                "the e-mail."), code="invalid") from None
    organisation = Organisation.objects.filter(pk=data.get("o")).first()
    if organisation is None:
        raise ValidationError(_("This organisation no longer exists."), code="gone")
    return Invitation(organisation, data.get("e", ""))


def verified_addresses(user) -> set[str]:
    return {address.lower() for address in EmailAddress.objects.filter(
        user=user, verified=True).values_list("email", flat=True)}


@transaction.atomic
def accept_invitation(*, user, token: str) -> Organisation:
    """The invited person joins, signed in with a confirmed address the invitation went to."""
    invitation = read_invitation(token)
    if invitation.email not in verified_addresses(user):
        raise ValidationError(_("This invitation was sent to another e-mail address. Sign in "
                                "with the account of that address."), code="other-address")
    OrganisationMember.objects.get_or_create(organisation=invitation.organisation, user=user)
    return invitation.organisation


def _admins(organisation) -> int:
    return organisation.members.filter(role=OrganisationRole.ADMIN).count()


@transaction.atomic
def set_role(*, by, member: OrganisationMember, role: str) -> None:
    require_admin(by, member.organisation)
    Organisation.objects.select_for_update().get(pk=member.organisation_id)
    if (member.role == OrganisationRole.ADMIN and role != OrganisationRole.ADMIN
            and _admins(member.organisation) == 1):
        raise ValidationError(_("The organisation needs at least one administrator. Make "
                                "someone else administrator first."), code="last-admin")
    member.role = role
    member.save(update_fields=["role"])


@transaction.atomic
def remove_member(*, by, member: OrganisationMember) -> None:
    """An administrator removes a member, or a member leaves (by == member.user)."""
    if by.pk != member.user_id:
        require_admin(by, member.organisation)
    Organisation.objects.select_for_update().get(pk=member.organisation_id)
    if member.role == OrganisationRole.ADMIN and _admins(member.organisation) == 1:
        raise ValidationError(_("The organisation needs at least one administrator. Make "
                                "someone else administrator first."), code="last-admin")
    member.delete()


def claimable_agencies(user, organisation) -> list[Agency]:
    """Agencies whose contact addresses include a confirmed address of `user`: holding the
    mailbox the authority writes to is what entitles an organisation to speak for the agency."""
    addresses = verified_addresses(user)
    if not addresses:
        return []
    linked = set(organisation.agency_links.values_list("agency_id", flat=True))
    matching = [pk for pk, emails in Agency.objects.filter(is_active=True)
                .values_list("pk", "emails")
                if pk not in linked and addresses & {str(e).strip().lower() for e in emails or []}]
    return list(Agency.objects.filter(pk__in=matching).select_related("authority"))


def link_agency(*, by, organisation: Organisation, agency_id: int) -> OrganisationAgency:
    require_admin(by, organisation)
    agency = next((a for a in claimable_agencies(by, organisation) if a.pk == agency_id), None)
    if agency is None:
        raise ValidationError(_("This public agency cannot be linked: none of its contact "
                                "addresses is a confirmed address of your account."),
                              code="not-yours")
    link, _created = OrganisationAgency.objects.get_or_create(
        organisation=organisation, agency=agency, defaults={"linked_by": by})
    return link


def hand_over(user) -> None:
    """Before `user`'s account goes: in each organisation where they are the only
    administrator, the longest-standing other member becomes administrator (an organisation
    without members keeps its contact address and is administered by nobody)."""
    for member in OrganisationMember.objects.filter(user=user, role=OrganisationRole.ADMIN):
        organisation = member.organisation
        if _admins(organisation) > 1:
            continue
        successor = (organisation.members.exclude(user=user).order_by("joined_at", "pk")
                     .first())
        if successor is not None:
            successor.role = OrganisationRole.ADMIN
            successor.save(update_fields=["role"])
