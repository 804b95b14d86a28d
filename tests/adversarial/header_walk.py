"""Every URL of the portal that needs no argument, read from the URL map itself."""

import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

_REGEX_SYNTAX = re.compile(r"[()\[\]?*+|{}\\]")


def _literal(pattern) -> str | None:
    """The fixed text a pattern matches, or None when it takes an argument."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        return None if "<" in route else route
    if isinstance(pattern, RegexPattern):
        text = pattern._regex.removeprefix("^").removesuffix("$").replace(r"\.", ".")
        return None if _REGEX_SYNTAX.search(text) else text
    return None


def argument_free_paths(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    resolver = resolver or get_resolver()
    paths = []
    for entry in resolver.url_patterns:
        piece = _literal(entry.pattern)
        if piece is None:
            continue
        if isinstance(entry, URLResolver):
            paths += argument_free_paths(entry, prefix + piece)
        elif isinstance(entry, URLPattern):
            paths.append("/" + prefix + piece)
    return sorted(set(paths))
