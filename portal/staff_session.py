"""Staff sessions: the second factor and the idle timeout (docs/accounts.md "Staff accounts").

A staff account (a member of an authority, Django staff or a superuser) signs in with its
password at /accounts/login/ (or the Django admin login) and is then signed in, but its session
is not yet *verified*: until it enters a code from its authenticator app (TOTP, allauth.mfa) or
one of its recovery codes, every page except the second-factor pages, sign-out and static
files sends it there (`StaffSessionMiddleware`). A staff account without an authenticator is
sent to set one up first. Citizens' sessions are untouched (their second factor is optional
and asked by allauth's own sign-in under /konto/).

A verified staff session ends after `PORTAL_STAFF_IDLE_MINUTES` without a request.

The session keeps two values: the id of the user whose second factor was checked in it
(`VERIFIED_KEY`, compared with the signed-in user, so a session of another user never passes)
and the time of its last request (`ACTIVITY_KEY`, written at most once a minute).
"""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings

VERIFIED_KEY = "portal_staff_second_factor"
ACTIVITY_KEY = "portal_staff_last_activity"
FAILED_CODES_KEY = "portal_staff_failed_codes"
#: The last request is written to the session at most this often (seconds).
ACTIVITY_RESOLUTION = 60


def is_staff_account(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or user.memberships.exists())


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def is_verified(session) -> bool:
    user_id = session.get("_auth_user_id")
    return user_id is not None and session.get(VERIFIED_KEY) == str(user_id)


def mark_verified(session, user) -> None:
    """The second factor of `user` was checked in this session (also used by tests' logins)."""
    session[VERIFIED_KEY] = str(user.pk)
    session[ACTIVITY_KEY] = int(time.time())
    session.pop(FAILED_CODES_KEY, None)


def idle_limit_seconds() -> int:
    return settings.PORTAL_STAFF_IDLE_MINUTES * 60


def touch(session, now: float) -> bool:
    """Record a request; False when the session was idle for too long (and must end)."""
    last = session.get(ACTIVITY_KEY)
    if last is not None and now - last > idle_limit_seconds():
        return False
    if last is None or now - last >= ACTIVITY_RESOLUTION:
        session[ACTIVITY_KEY] = int(now)
    return True
