"""The portal's URL map as data: every pattern with its full route and parameter names.

Walks `django.urls.get_resolver()` so a new pattern shows up in the adversarial suite without
anyone listing it.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its route text from the root, its name (namespaced), its parameters."""

    route: str
    name: str
    params: tuple[str, ...]
    callback: object

    @property
    def label(self) -> str:
        return f"{self.name or '-'} {self.route}"


def _params(pattern) -> list[str]:
    text = str(pattern)
    regex = _ROUTE_PARAM if isinstance(pattern, RoutePattern) else _REGEX_PARAM
    return [match.group("name") for match in regex.finditer(text)]


def _walk(resolver: URLResolver, prefix: str, params: list[str], namespace: str):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).lstrip("^")
        names = params + _params(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(entry, route, names, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Route(route=route, name=name, params=tuple(names), callback=entry.callback)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver(), "", [], ""))


def parametrised_routes() -> list[Route]:
    return [route for route in all_routes() if route.params]


def fill(route: Route, values: dict[str, object]) -> str:
    """The path of `route` with `values` for its parameters (regex patterns included)."""
    def value(match):
        return str(values[match.group("name")])

    path = route.route.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, path)
    path = _ROUTE_PARAM.sub(value, path)
    return "/" + path
