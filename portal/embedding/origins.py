"""Host origins an authority allows to embed its pages: parsing and validation.

An origin is scheme, host and port (https://www.musterstadt.de), nothing else: no path, query,
fragment, user name or wildcard. Only https, except http://localhost (and 127.0.0.1, [::1])
while DEBUG is on, for trying it out on a developer's machine. No models here: the field
validator and the CSP header both use these functions.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: More than this is a list of sites nobody maintains; CSP headers stay small.
MAX_ORIGINS = 20
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _host_is_valid(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    if len(host) > 253 or "." not in host:
        return False
    labels = host.split(".")
    return all(_LABEL.match(label) for label in labels) and not labels[-1].isdigit()


def normalise_origin(value: str) -> str:
    """'HTTPS://www.Musterstadt.de/' -> 'https://www.musterstadt.de'; ValidationError with a
    message that names the value otherwise."""
    text = value.strip()
    shown = text[:200]
    if not text:
        raise ValidationError(_("Enter an origin such as https://www.musterstadt.de."),
                              code="empty")
    if any(char.isspace() for char in text) or "*" in text:
        raise ValidationError(
            _("“%(value)s” is not an origin: no spaces or wildcards, one origin per line.")
            % {"value": shown}, code="invalid")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValidationError(_("“%(value)s” is not a valid origin.") % {"value": shown},
                              code="invalid") from None
    scheme = parts.scheme.lower()
    if scheme not in {"https", "http"} or not parts.hostname:
        raise ValidationError(
            _("“%(value)s” is not an origin: write it as https://www.example.de.")
            % {"value": shown}, code="invalid")
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            _("“%(value)s” must not contain a user name or password.") % {"value": shown},
            code="userinfo")
    if parts.path not in ("", "/") or parts.query or parts.fragment or text.endswith(("?", "#")):
        raise ValidationError(
            _("“%(value)s” has a path: enter only the origin, e.g. https://www.example.de "
              "without /path.") % {"value": shown}, code="path")
    try:
        host = parts.hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValidationError(_("“%(value)s” is not a valid origin.") % {"value": shown},
                              code="invalid") from None
    if ":" in host:  # an IPv6 address: urlsplit drops the brackets
        host = f"[{host}]"
    if not _host_is_valid(host):
        raise ValidationError(
            _("“%(value)s” has no valid host name.") % {"value": shown}, code="host")
    if scheme == "http" and not (settings.DEBUG and host in LOCAL_HOSTS):
        raise ValidationError(
            _("“%(value)s” uses http: only https origins may embed the portal "
              "(http only for localhost while developing).") % {"value": shown},
            code="insecure")
    default_port = 443 if scheme == "https" else 80
    suffix = f":{port}" if port is not None and port != default_port else ""
    return f"{scheme}://{host}{suffix}"


def parse_origins(text: str) -> list[str]:
    """The origins of the settings field (one per line), normalised, without duplicates.
    Raises one ValidationError listing every bad line."""
    origins, errors = [], []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        try:
            origin = normalise_origin(line)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if origin not in origins:
            origins.append(origin)
    if len(origins) > MAX_ORIGINS:
        errors.append(_("At most %(count)d origins may embed the portal.") % {"count": MAX_ORIGINS})
    if errors:
        raise ValidationError(errors)
    return origins


def stored_origins(text: str) -> list[str]:
    """The origins as stored (validated on saving); lines that no longer pass (http after
    DEBUG was switched off) are left out rather than trusted."""
    origins = []
    for line in (text or "").splitlines():
        try:
            origin = normalise_origin(line)
        except ValidationError:
            continue
        if origin not in origins:
            origins.append(origin)
    return origins[:MAX_ORIGINS]


def validate_origins(text: str) -> None:
    parse_origins(text)
