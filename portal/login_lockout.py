"""The answer to a locked-out login (django-axes' AXES_LOCKOUT_CALLABLE): 429 with a page that
says how long the lockout lasts, for the portal login and the Django admin login alike."""

import math

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _


def locked_out(request, original_response=None, credentials=None):
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    message = _("Too many failed sign-in attempts. Signing in with this user name from your connection is blocked for %(minutes)d minutes.") % {
        "minutes": minutes}
    response = render(request, "portal/errors/too_many_requests.html",
                      {"message": message, "minutes": minutes, "login": True,
                       # Citizens (/konto/, docs/accounts.md) reset their password themselves.
                       "citizen_login": request.path.startswith("/konto/")}, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "private, no-store"
    return response
