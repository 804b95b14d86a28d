"""The hook for "only checked-in ticket holders may vote" (docs/live-voting.md).

The events module (built separately) decides who is checked in. It plugs in through one
setting, the dotted path of a function

    PORTAL_LIVE_VOTING_CHECK_IN = "participation.events.checkin.may_vote"

    def may_vote(request, session) -> bool: ...

called for every vote on a session with `checked_in_only`; it may read a ticket cookie of the
request or the session's `event_url`. Without the setting such a session refuses every vote
with a clear message (fail closed), so a restriction is never silently ignored.
"""

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string


def check_function() -> Callable | None:
    path = getattr(settings, "PORTAL_LIVE_VOTING_CHECK_IN", "") or ""
    return import_string(path) if path else None


def may_vote(request, session) -> bool | None:
    """True/False from the configured check; None when no check is configured."""
    if not session.checked_in_only:
        return True
    check = check_function()
    if check is None:
        return None
    return bool(check(request, session))
