"""The invitee's side of a staff invitation: /staff/einladung/<token>/ (docs/staff-admin.md).

A valid link offers: to set a password for a new account (user name = the invited address), or
- when an account of that address exists - to sign in with it and join. Either way the new
member then sets up the second factor before reaching the staff area. Every invalid link
(tampered, expired, revoked, used) gets the same answer.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import login, password_validation
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ..services import staff_members


class NewAccountForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150,
                                 required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    password1 = forms.CharField(
        label=gettext_lazy("Password"), strip=False,
        help_text=gettext_lazy("At least 8 characters, not only digits, not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=gettext_lazy("Password (again)"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(username=self.email, email=self.email,
                                     first_name=data.get("first_name", ""),
                                     last_name=data.get("last_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


def _invalid(request):
    return render(request, "portal/staff_admin/invitation_invalid.html", status=404)


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = staff_members.pending_invitation(token)
    if invitation is None:
        return _invalid(request)
    here = request.get_full_path()
    context = {"invitation": invitation, "role": invitation.get_role_display()}
    user = request.user
    if user.is_authenticated:
        if (user.email or "").lower() != invitation.email.lower() and \
                user.get_username().lower() != invitation.email.lower():
            return render(request, "portal/staff_admin/invitation_other_account.html", context,
                          status=403)
        if request.method == "POST":
            try:
                staff_members.accept(invitation=invitation, user=user)
            except ValidationError:
                return _invalid(request)
            messages.success(request, _("You are now a member of %(authority)s.") % {
                "authority": invitation.authority.name})
            return redirect("portal:staff-home")
        return render(request, "portal/staff_admin/invitation_join.html", context)
    existing = staff_members.account_for(invitation)
    if existing is not None:
        context["login_url"] = f"{reverse('login')}?{urlencode({'next': here})}"
        return render(request, "portal/staff_admin/invitation_sign_in.html", context)
    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = staff_members.create_invited_account(
                invitation=invitation, password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _(
                "Your account was created and you are a member of %(authority)s. Now set up "
                "the second sign-in step.") % {"authority": invitation.authority.name})
            return redirect("portal:staff-home")
    context.update({"form": form, "failed_forms": [form] if form.errors else []})
    return render(request, "portal/staff_admin/invitation_new_account.html", context,
                  status=400 if form.errors else 200)
