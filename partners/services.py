"""What the partner area does: found partners, appoint their administrators, import and
create the authorities of a Land and appoint each authority's first administrator."""

import secrets
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from portal.models import Authority, Membership
from portal.models.membership import Role
from portal.services.authority_import import AuthorityImportReport, import_authorities

from .models import PartnerAdmin, StatePartner


def _account(email: str):
    """The account of `email`, created (with a password nobody knows) if there is none.
    Returns (user, created)."""
    email = email.strip()
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        return user, False
    username = email.lower()
    if User.objects.filter(username=username).exists():
        username = f"{username}-{secrets.token_hex(3)}"
    return User.objects.create_user(username=username, email=email,
                                    password=secrets.token_urlsafe(32)), True


def _welcome(request, user, created: bool, what: str) -> None:
    """A new account gets the link to choose its password (Django's reset mail, with the
    staff sign-in); an existing one a short notice of its new role."""
    if created:
        form = PasswordResetForm({"email": user.email})
        if form.is_valid():
            form.save(request=request, use_https=request.is_secure(),
                      subject_template_name="partners/mail/appointed_subject.txt",
                      email_template_name="partners/mail/appointed_new_account.txt",
                      extra_email_context={"what": what})
        return
    context = {"what": what, "user": user}
    send_mail(render_to_string("partners/mail/appointed_subject.txt", context).strip(),
              render_to_string("partners/mail/appointed_existing_account.txt", context),
              None, [user.email])


@transaction.atomic
def appoint_partner_admin(*, by, partner: StatePartner, email: str, request) -> PartnerAdmin:
    if not by.is_superuser:
        raise PermissionDenied
    user, created = _account(email)
    if not user.is_staff:
        # A staff account: it signs in at the staff sign-in with a second factor
        # (portal/staff_session.py) and no longer under /konto/ as a citizen.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    admin, _new = PartnerAdmin.objects.get_or_create(partner=partner, user=user)
    transaction.on_commit(lambda: _welcome(request, user, created, str(partner)))
    return admin


@transaction.atomic
def appoint_authority_admin(*, partner: StatePartner, authority: Authority, email: str,
                            request) -> Membership:
    """The caller checked that `authority` is in `partner`'s Land (access.authority_for)."""
    assert (authority.ags or "").startswith(partner.land_key)
    user, created = _account(email)
    membership, _new = Membership.objects.update_or_create(
        user=user, authority=authority, defaults={"role": Role.ADMIN})
    transaction.on_commit(lambda: _welcome(request, user, created, authority.name))
    return membership


def import_for_partner(*, partner: StatePartner, upload, kind: str, name_field: str,
                       ags_field: str, ars_field: str, dry_run: bool) -> AuthorityImportReport:
    """The boundary file of a partner's Land, all or nothing, through the same checks as
    `manage.py import_authorities` (raises AuthorityImportFailed with the report)."""
    suffix = Path(upload.name or "").suffix.lower()[:10]
    with tempfile.TemporaryDirectory(prefix="partner-import-") as scratch:
        path = Path(scratch) / f"upload{suffix}"
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        return import_authorities(path=path, kind=kind, name_field=name_field or "GEN",
                                  ags_field=ags_field or None, ars_field=ars_field or None,
                                  dry_run=dry_run, land_key=partner.land_key)
