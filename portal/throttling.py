"""Rate limits of anonymous writes: named limits from settings, counted in the cache.

Every anonymous write endpoint (statements, co-signing, agency statements, password reset,
login; and the coming modules: incident reports, Open311 POST, survey answers, event
registrations) declares its limits with `throttle`:

    @throttle(("statement-client", CLIENT), ("cosign-address", posted("email")))
    def view(request, ...): ...

    path("…", throttle(("open311-client", CLIENT))(SomeApiView.as_view()))  # class views, DRF

- A limit is a name in `settings.PORTAL_RATE_LIMITS` ("20/h"; s, m, h, d), counted by
  django-ratelimit in the default cache (Redis in production) per *key*: the client
  (`client_ip`, IPv6 per /64) or a target such as a posted e-mail address (`posted`).
- Only POSTs count (each attempt, also an invalid one). Beyond the limit the answer is 429
  with a page (or JSON for API clients) that says how long to wait, and a Retry-After header.
- Fail closed (SECURITY.md F7): if the cache cannot count, anonymous writes are refused with
  503 and a clear message; reading pages is never affected.
- `consume` is the same count for things that are not requests, e.g. receipt e-mails per
  address (planning/services/statements.py): it says whether one more is allowed.
"""

import ipaddress
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

RETRY_WHEN_UNAVAILABLE = 60  # seconds, when the cache cannot count


def client_ip(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or the header a trusted reverse proxy sets
    (settings.PORTAL_CLIENT_IP_HEADER; for X-Forwarded-For its last entry, the one our proxy
    appended – the ones before it are the client's own claims)."""
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", "")
    candidate = ""
    if header:
        candidate = request.META.get(header, "").split(",")[-1].strip()
    for value in (candidate, request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            continue
    return "unknown"


def axes_client_ip(request: HttpRequest) -> str | None:
    """The client's IP address for django-axes, None when unknown: axes stores it in an IP
    address column, where PostgreSQL refuses the text "unknown" (a request without a usable
    REMOTE_ADDR, e.g. over a Unix socket, ended the sign-in in a server error)."""
    ip = client_ip(request)
    return None if ip == "unknown" else ip


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The sign-in name for django-axes as axes reads it (for citizens their e-mail address,
    lower case), cut to its column (255 characters):
    PostgreSQL refuses a longer value, and a long posted name ended the sign-in in a server
    error."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    source = credentials if credentials else getattr(request, "data", request.POST)
    value = source.get(field)
    if value is None:
        # Citizens sign in with their e-mail address (django-allauth: credentials "email",
        # form field "login"); it is the name their lockout counts under.
        value = source.get("email") or source.get("login")
    if isinstance(value, str) and "@" in value:
        value = value.strip().lower()
    return value[:255] if isinstance(value, str) else value


def client_key(request: HttpRequest) -> str:
    """The client as a rate-limit key: its IP address, an IPv6 address by its /64 network
    (one household or server usually owns a whole /64)."""
    ip = client_ip(request)
    if ":" in ip:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return ip


@dataclass(frozen=True)
class Key:
    """What a limit counts per, and how the refusal names it to the person."""

    value: Callable[[HttpRequest], str | None]
    subject: str  # "client" or "address"


CLIENT = Key(client_key, "client")


def posted(field: str) -> Key:
    """A target address from the POSTed form, normalised; no value -> the limit is skipped."""

    def value(request: HttpRequest) -> str | None:
        text = " ".join(str(request.POST.get(field, "")).split()).lower()
        return text[:320] or None

    return Key(value, "address")


@dataclass(frozen=True)
class Refusal:
    name: str
    retry_after: int  # seconds
    subject: str
    unavailable: bool = False  # the cache could not count (fail closed)


def _rate(name: str) -> str | None:
    limits = getattr(settings, "PORTAL_RATE_LIMITS", {})
    if name not in limits:
        raise ImproperlyConfigured(f"PORTAL_RATE_LIMITS has no limit named {name!r}")
    return limits[name]


def _count(name: str, value: str, subject: str, request=None) -> Refusal | None:
    rate = _rate(name)
    if not rate:
        return None
    try:
        usage = get_usage(request, group=f"portal:{name}", key=lambda _group, _req: value,
                          rate=rate, increment=True)
    except Exception:  # Redis down, database cache table missing, ...
        logger.exception("Rate limit %s could not be counted; refusing (fail closed)", name)
        return Refusal(name, RETRY_WHEN_UNAVAILABLE, subject, unavailable=True)
    if usage is None or not usage["should_limit"]:
        return None
    if usage["time_left"] < 0:  # django-ratelimit's own answer when the cache failed
        return Refusal(name, RETRY_WHEN_UNAVAILABLE, subject, unavailable=True)
    return Refusal(name, max(1, usage["time_left"]), subject)


def consume(name: str, value: str) -> bool:
    """Count one more for `value` under the named limit; False when it is beyond the limit
    or cannot be counted."""
    return _count(name, value, "address") is None


def check(request: HttpRequest, *limits: tuple[str, Key]) -> Refusal | None:
    """Count this request under each limit; the first one exceeded is the refusal."""
    for name, key in limits:
        value = key.value(request)
        if value is None:
            continue
        refusal = _count(name, value, key.subject, request)
        if refusal is not None:
            return refusal
    return None


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept)


def refusal_response(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    """429 (limit reached) or 503 (cannot count), HTML in the portal's design or JSON."""
    minutes = max(1, math.ceil(refusal.retry_after / 60))
    if refusal.unavailable:
        status = 503
        message = _("Sending is not possible at the moment. Please try again in a few minutes.")
    elif refusal.subject == "address":
        status = 429
        message = _("Too many requests for this e-mail address. Please try again in %(minutes)d minutes.") % {
            "minutes": minutes}
    else:
        status = 429
        message = _("Too many requests from your connection. Please try again in %(minutes)d minutes.") % {
            "minutes": minutes}
    if _wants_json(request):
        response = JsonResponse({"detail": message, "retry_after": refusal.retry_after},
                                status=status)
    else:
        response = render(request, "portal/errors/too_many_requests.html",
                          {"message": message, "minutes": minutes}, status=status)
    response["Retry-After"] = str(refusal.retry_after)
    response["Cache-Control"] = "private, no-store"
    return response


def throttle(*limits: tuple[str, Key], methods: tuple[str, ...] = ("POST",)):
    """View decorator: count each request of `methods` under the named limits."""
    for name, _key in limits:
        _rate(name)  # a misspelt name fails at import, not at the first POST

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                refusal = check(request, *limits)
                if refusal is not None:
                    return refusal_response(request, refusal)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
