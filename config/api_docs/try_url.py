"""The URL an operation's try-it form asks for, built from inputs checked against the schema's
parameters. Path values must match a strict pattern (integer, uuid or slug), so nothing but a
path of this API can come out: no slash, dot segment, scheme or host can be smuggled in, and
the result must resolve to one of the portal's routes."""

import re
import uuid
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .schema import Operation, Parameter

INTEGER = re.compile(r"[0-9]{1,12}")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
#: Free text in a query parameter: bounded, and no control characters.
MAX_QUERY_LENGTH = 500
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class TryResult:
    url: str | None
    errors: list[str]


def _integer(parameter: Parameter, value: str) -> tuple[str | None, str | None]:
    if not INTEGER.fullmatch(value):
        return None, _("“%(name)s” must be a whole number (digits only).") % {
            "name": parameter.name}
    number = int(value)
    low, high = parameter.schema.get("minimum"), parameter.schema.get("maximum")
    if (low is not None and number < low) or (high is not None and number > high):
        return None, _("“%(name)s” must be between %(low)s and %(high)s.") % {
            "name": parameter.name, "low": low if low is not None else "…",
            "high": high if high is not None else "…"}
    return str(number), None


def _uuid(parameter: Parameter, value: str) -> tuple[str | None, str | None]:
    if not UUID.fullmatch(value):
        return None, _("“%(name)s” must be a UUID such as "
                       "123e4567-e89b-42d3-a456-426614174000.") % {"name": parameter.name}
    return str(uuid.UUID(value)), None


def _checked(parameter: Parameter, value: str) -> tuple[str | None, str | None]:
    """(the value to send, or an error message)."""
    schema = parameter.schema
    if schema.get("type") == "integer":
        return _integer(parameter, value)
    if schema.get("format") == "uuid":
        return _uuid(parameter, value)
    if parameter.choices:
        if value not in parameter.choices:
            return None, _("“%(name)s” must be one of: %(choices)s.") % {
                "name": parameter.name, "choices": ", ".join(parameter.choices)}
        return value, None
    if parameter.location == "path":
        if not SLUG.fullmatch(value):
            return None, _("“%(name)s” may only contain letters, digits, hyphens and "
                           "underscores.") % {"name": parameter.name}
        return value, None
    if len(value) > MAX_QUERY_LENGTH or CONTROL.search(value):
        return None, _("“%(name)s” must be at most %(limit)s characters of plain "
                       "text.") % {"name": parameter.name, "limit": MAX_QUERY_LENGTH}
    return value, None


def try_url(operation: Operation, inputs) -> TryResult:
    """The URL for `operation` with the submitted `inputs` (a QueryDict), or the errors."""
    errors, path, query = [], operation.path, []
    for parameter in operation.form_parameters:
        values = inputs.getlist(parameter.name)
        if len(values) > 1:
            errors.append(_("“%(name)s” was given more than once.") % {"name": parameter.name})
            continue
        value = values[0].strip() if values else ""
        if not value:
            if parameter.required:
                errors.append(_("“%(name)s” is required.") % {"name": parameter.name})
            continue
        checked, error = _checked(parameter, value)
        if error:
            errors.append(error)
        elif parameter.location == "path":
            path = path.replace("{" + parameter.name + "}", quote(checked, safe=""))
        else:
            query.append((parameter.name, checked))
    unknown = sorted(set(inputs) - {p.name for p in operation.form_parameters})
    if unknown:
        errors.append(_("Unknown parameters: %(names)s.") % {"names": ", ".join(unknown)})
    if errors:
        return TryResult(None, errors)
    if not _is_route_of_this_portal(path):
        return TryResult(None, [_("These values do not lead to an address of this API.")])
    return TryResult(path + ("?" + urlencode(query) if query else ""), [])


def _is_route_of_this_portal(path: str) -> bool:
    if not path.startswith("/") or path.startswith("//") or "{" in path or "\\" in path:
        return False
    try:
        resolve(path)
    except Resolver404:
        return False
    return True
