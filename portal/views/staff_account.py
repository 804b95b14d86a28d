"""The second step of a staff sign-in: set up TOTP, enter a code, see the recovery codes.

allauth.mfa stores the authenticators (TOTP secret encrypted, recovery codes as a seed) and
checks the codes; these pages are the staff's own, because staff sign in at /accounts/login/
and not through allauth's citizens' sign-in (docs/accounts.md "Staff accounts").
"""

import base64
from urllib.parse import urlencode

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, validate_totp_code
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import staff_session, throttling

SETUP_SECRET_KEY = "portal_staff_totp_secret"  # noqa: S105 (a session key)
SHOW_CODES_KEY = "portal_staff_show_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"), max_length=20, strip=True,
        error_messages={"required": gettext_lazy("Please enter the code.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autocapitalize": "off", "spellcheck": "false"}),
    )

    def cleaned_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).replace("-", "")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("portal:staff-home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _staff_only(request):
    if not staff_session.is_staff_account(request.user):
        raise Http404


def _too_many(request, user) -> bool:
    """Count one code attempt: False while allowed; beyond the limits the session ends."""
    failed = request.session.get(staff_session.FAILED_CODES_KEY, 0)
    allowed = throttling.consume("second-factor-user", str(user.pk))
    return not allowed or failed >= settings.PORTAL_STAFF_CODE_ATTEMPTS


def _signed_out_for_attempts(request):
    logout(request)
    messages.error(request, _("Too many wrong codes. Please sign in again."))
    return redirect("login")


def _verified(request, user, next_url: str):
    request.session.cycle_key()
    staff_session.mark_verified(request.session, user)
    return redirect(next_url)


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Enter a code of the authenticator app, or a recovery code."""
    _staff_only(request)
    user = request.user
    next_url = _next_url(request)
    if staff_session.is_verified(request.session):
        return redirect(next_url)
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        return redirect(_with_next('staff_account:second-factor-setup', next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _too_many(request, user):
            return _signed_out_for_attempts(request)
        code = form.cleaned_code()
        if TOTP(totp).validate_code(code):
            return _verified(request, user, next_url)
        recovery = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES).first()
        if recovery is not None and RecoveryCodes(recovery).validate_code(code):
            messages.warning(request, _(
                "You signed in with a recovery code; it cannot be used again. Recovery codes "
                "left: %(count)d.") % {"count": len(RecoveryCodes(recovery).get_unused_codes())})
            return _verified(request, user, next_url)
        request.session[staff_session.FAILED_CODES_KEY] = (
            request.session.get(staff_session.FAILED_CODES_KEY, 0) + 1)
        form.add_error("code", _(
            "This code is not correct (or was already used). Enter the current code of your "
            "authenticator app or one of your recovery codes."))
    return render(request, "portal/staff_account/second_factor.html",
                  {"form": form, "next": next_url, "failed_forms": [form] if form.errors else []})


def _qr_data_uri(user, secret: str) -> tuple[str, str]:
    adapter = get_mfa_adapter()
    url = adapter.build_totp_url(user, secret)
    svg = adapter.build_totp_svg(url)
    return url, "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """Set up the authenticator app (required for staff): scan the QR code or type the key,
    then confirm with a code."""
    _staff_only(request)
    user = request.user
    next_url = _next_url(request)
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return redirect(_with_next('staff_account:second-factor', next_url))
    secret = request.session.get(SETUP_SECRET_KEY)
    if not secret:
        secret = request.session[SETUP_SECRET_KEY] = generate_totp_secret()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _too_many(request, user):
            return _signed_out_for_attempts(request)
        if validate_totp_code(secret, form.cleaned_code()):
            with transaction.atomic():
                if not Authenticator.objects.filter(
                        user=user, type=Authenticator.Type.TOTP).exists():
                    TOTP.activate(user, secret)
                RecoveryCodes.activate(user)
            request.session.pop(SETUP_SECRET_KEY, None)
            _verified(request, user, next_url)
            request.session[SHOW_CODES_KEY] = True
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect(_with_next('staff_account:recovery-codes', next_url))
        request.session[staff_session.FAILED_CODES_KEY] = (
            request.session.get(staff_session.FAILED_CODES_KEY, 0) + 1)
        form.add_error("code", _(
            "This code is not correct. Enter the six-digit code your authenticator app shows "
            "now for this portal."))
    otpauth_url, qr = _qr_data_uri(user, secret)
    return render(request, "portal/staff_account/second_factor_setup.html", {
        "form": form, "next": next_url, "secret": secret, "qr": qr, "otpauth_url": otpauth_url,
        "failed_forms": [form] if form.errors else [],
        "secret_groups": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
    })


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """The recovery codes of the signed-in staff account; POST replaces them with new ones."""
    _staff_only(request)
    authenticator = Authenticator.objects.filter(
        user=request.user, type=Authenticator.Type.RECOVERY_CODES).first()
    if authenticator is None:
        return redirect("staff_account:second-factor-setup")
    if request.method == "POST":
        with transaction.atomic():
            Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.RECOVERY_CODES).delete()
            authenticator = RecoveryCodes.activate(request.user).instance
        messages.success(request, _("New recovery codes were made; the old ones no longer work."))
    codes = RecoveryCodes(authenticator)
    just_set_up = request.session.pop(SHOW_CODES_KEY, False)
    return render(request, "portal/staff_account/recovery_codes.html", {
        "codes": codes.get_unused_codes(), "next": _next_url(request),
        "just_set_up": just_set_up,
    })
