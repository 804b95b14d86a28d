"""Staff administration of an authority: members and roles, invitations, the audit log.

Only the authority's admins (direct or inherited, `portal.manage_authority`) may use these
pages; other staff of the authority get 403, everyone else 404 (docs/staff-admin.md).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import modules
from ..models import AuditAction, AuditEntry, Authority, Membership, Role, StaffInvitation
from ..services import staff_members


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices,
                             initial=Role.PLANNER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)


def managed_authority(request, pk) -> Authority:
    """The authority `pk` if the user administers it: 404 for strangers, 403 for its staff."""
    authority = get_object_or_404(Authority.objects.for_staff(request.user), pk=pk)
    if not request.user.has_perm("portal.manage_authority", authority):
        raise PermissionDenied
    return authority


def _members_page(request, authority, *, invite_form=None, role_errors=None, status=200):
    memberships = list(authority.memberships.select_related("user")
                       .order_by("user__last_name", "user__username"))
    rows = []
    for membership in memberships:
        form = RoleForm(initial={"role": membership.role}, prefix=f"m{membership.pk}")
        form.fields["role"].label = _("Role of %(name)s") % {
            "name": membership.user.get_full_name() or membership.user.username}
        rows.append({"membership": membership, "form": form,
                     "errors": (role_errors or {}).get(membership.pk, [])})
    now = timezone.now()
    pending = [invitation for invitation in authority.staff_invitations.select_related("invited_by")
               if invitation.is_pending(now)]
    invite_form = invite_form or InviteForm()
    return render(request, "portal/staff_admin/members.html", {
        "authority": authority, "rows": rows, "pending": pending, "invite_form": invite_form,
        "failed_forms": [invite_form] if invite_form.errors else [],
        "role_errors": [error for errors in (role_errors or {}).values() for error in errors],
    }, status=status)


@login_required
def members(request, pk):
    return _members_page(request, managed_authority(request, pk))


@login_required
@require_POST
def invite(request, pk):
    authority = managed_authority(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            staff_members.invite(authority=authority, email=form.cleaned_data["email"],
                                 role=form.cleaned_data["role"], invited_by=request.user,
                                 base_url=request.build_absolute_uri("/"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same answer whether the address has an account or not.
            messages.success(request, _("An invitation was sent to %(email)s. The link is "
                                        "valid for %(days)d days.") % {
                "email": form.cleaned_data["email"],
                "days": staff_members.settings.PORTAL_STAFF_INVITATION_DAYS})
            return redirect("portal:staff-authority-members", pk=authority.pk)
    return _members_page(request, authority, invite_form=form, status=400)


@login_required
@require_POST
def revoke_invitation(request, pk, staff_invitation_pk):
    authority = managed_authority(request, pk)
    invitation = get_object_or_404(StaffInvitation, pk=staff_invitation_pk, authority=authority)
    try:
        staff_members.revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation of %(email)s was revoked; its link no "
                                    "longer works.") % {"email": invitation.email})
    return redirect("portal:staff-authority-members", pk=authority.pk)


@login_required
@require_POST
def change_role(request, pk, membership_pk):
    authority = managed_authority(request, pk)
    membership = get_object_or_404(Membership, pk=membership_pk, authority=authority)
    form = RoleForm(request.POST, prefix=f"m{membership.pk}")
    if form.is_valid():
        try:
            staff_members.change_role(membership=membership, role=form.cleaned_data["role"],
                                      by=request.user)
        except ValidationError as error:
            return _members_page(request, authority, role_errors={membership.pk: error.messages},
                                 status=400)
        messages.success(request, _("The role was changed."))
        return redirect("portal:staff-authority-members", pk=authority.pk)
    return _members_page(request, authority, status=400, role_errors={
        membership.pk: [_("Choose one of the roles.")]})


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request, pk, membership_pk):
    authority = managed_authority(request, pk)
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=membership_pk,
                                   authority=authority)
    error = None
    if request.method == "POST":
        try:
            staff_members.remove_member(membership=membership, by=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("%(name)s is no longer a member of %(authority)s.") % {
                "name": membership.user.get_full_name() or membership.user.username,
                "authority": authority.name})
            if not request.user.has_perm("portal.manage_authority", authority):
                return redirect("portal:staff-home")
            return redirect("portal:staff-authority-members", pk=authority.pk)
    return render(request, "portal/staff_admin/remove_member.html", {
        "authority": authority, "membership": membership, "error": error,
    }, status=400 if error else 200)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False,
                               choices=[("", gettext_lazy("All actions")), *AuditAction.choices])


def _display(key: str, value):
    if key == "role" and value in Role.values:
        return str(Role(value).label)
    if key == "enabled_modules" and isinstance(value, list):
        labels = dict(modules.module_choices())
        return ", ".join(str(labels.get(item, item)) for item in value) or "–"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "–"
    if value in (None, ""):
        return "–"
    return str(value)


_FIELD_LABELS = {"role": gettext_lazy("Role"), "email": gettext_lazy("E-mail address"),
                 "user": gettext_lazy("User")}


def _field_label(key: str) -> str:
    if key in _FIELD_LABELS:
        return str(_FIELD_LABELS[key])
    try:
        return str(Authority._meta.get_field(key).verbose_name)
    except FieldDoesNotExist:  # a field that no longer exists: its name
        return key


def _changes(entry: AuditEntry) -> list[dict]:
    keys = list(dict.fromkeys([*entry.before, *entry.after]))
    return [{"field": _field_label(key), "before": _display(key, entry.before.get(key)),
             "after": _display(key, entry.after.get(key))} for key in keys]


@login_required
def audit_log(request, pk):
    authority = managed_authority(request, pk)
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.filter(authority=authority)
    if form.is_valid() and form.cleaned_data["action"]:
        entries = entries.filter(action=form.cleaned_data["action"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "portal/staff_admin/audit_log.html", {
        "authority": authority, "form": form, "page": page,
        "entries": [{"entry": entry, "changes": _changes(entry)} for entry in page],
        "failed_forms": [form] if form.errors else [],
    }, status=400 if form.errors else 200)
