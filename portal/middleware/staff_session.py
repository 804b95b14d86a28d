"""Staff sessions: second factor before any page, idle timeout (portal/staff_session.py)."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import staff_session

#: What a signed-in staff account reaches before its second factor is checked.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/csp-report/", "/favicon.ico")


def _open_paths() -> tuple[str, ...]:
    return (
        reverse("staff_account:second-factor"),
        reverse("staff_account:second-factor-setup"),
        reverse("logout"),
        reverse("account_logout"),
        *_OPEN_PREFIXES,
    )


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        answer = self._gate(request)
        if answer is not None:
            return answer
        return self.get_response(request)

    def _gate(self, request):
        # Without a session cookie there is no sign-in; not reading the session keeps
        # anonymous answers free of "Vary: Cookie" (public tiles stay cacheable).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        session = request.session
        if session.get("_auth_user_id") is None:
            return None
        if staff_session.is_verified(session):
            if not staff_session.touch(session, time.time()):
                return self._timed_out(request)
            return self._close_citizen_pages(request)
        user = request.user
        if not staff_session.is_staff_account(user):
            return None
        if request.path.startswith(_open_paths()):
            return self._close_citizen_pages(request)
        if request.path.startswith("/konto/"):
            raise Http404
        target = ("staff_account:second-factor" if staff_session.has_totp(user)
                  else "staff_account:second-factor-setup")
        return redirect(f"{reverse(target)}?{urlencode({'next': _next(request)})}")

    def _close_citizen_pages(self, request):
        """allauth's own account pages under /konto/ (e-mail, password, second factor) are the
        citizens'; a staff account is managed by its authority (docs/accounts.md)."""
        if (request.path.startswith("/konto/") and request.path != reverse("account_logout")
                and staff_session.is_staff_account(request.user)):
            raise Http404
        return None

    def _timed_out(self, request):
        minutes = settings.PORTAL_STAFF_IDLE_MINUTES
        logout(request)
        messages.info(request, _(
            "You were signed out after %(minutes)d minutes without activity. Please sign in "
            "again.") % {"minutes": minutes})
        return redirect(f"{reverse('login')}?{urlencode({'next': _next(request)})}")


def _next(request) -> str:
    """Where to go after the sign-in: this page for a GET, the staff area otherwise."""
    if request.method == "GET":
        return request.get_full_path()
    return reverse("portal:staff-home")
