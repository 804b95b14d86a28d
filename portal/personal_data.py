"""Which responses carry personal data and must not be kept by any cache (docs/security.md).

A response is personal when any of these holds:
- the user is signed in (staff pages, the workbench, exports, the admin, the staff API), unless
  the view itself declared the response ``public`` (tiles and layers of published plans, which
  are the same for everyone);
- the path lies under a personal-data prefix (settings.PORTAL_PERSONAL_DATA_PREFIXES: the staff
  area, the admin, sign-in and password reset, the public agencies' token links);
- the view is marked with :func:`personal_data` (statement receipts and their PDFs);
- the request wrote something (a form answered with its errors repeats what was entered).

Such responses get ``Cache-Control: private, no-store``, so neither a shared proxy nor the
browser's disk cache of a shared computer keeps them.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control

_MARK = "portal_personal_data"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def personal_data(view):
    """Mark a view whose responses show personal data to whoever holds the link."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, _MARK, True)
        return response

    return wrapped


def _signed_in(request) -> bool:
    # Without a session cookie nobody is signed in: asking request.user would load the session
    # and add "Vary: Cookie" to every anonymous response (public tiles included).
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _declared_public(response) -> bool:
    directives = response.get("Cache-Control", "").replace(" ", "").lower().split(",")
    return "public" in directives


def is_personal(request, response) -> bool:
    if getattr(response, _MARK, False):
        return True
    if request.method not in SAFE_METHODS:
        return True
    if request.path_info.startswith(tuple(settings.PORTAL_PERSONAL_DATA_PREFIXES)):
        return True
    return _signed_in(request) and not _declared_public(response)


def forbid_storing(response) -> None:
    patch_cache_control(response, private=True, no_store=True)
    # A max-age from the view would contradict no-store in caches that ignore no-store.
    cache_control = response["Cache-Control"]
    response["Cache-Control"] = ", ".join(
        part for part in (p.strip() for p in cache_control.split(","))
        if not part.startswith(("max-age", "s-maxage"))
    )
