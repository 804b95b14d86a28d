"""Modules declare their embeddable pages and staff snippets here (portal names no module).

    registry.register_pages(
        registry.Page("incidents:form", kind="form"),
        registry.Page("incidents:receipt", kind="receipt", receipt_argument="report_uid"))
    registry.register_snippets(incident_snippets)   # (authority) -> list[Snippet]

Tests may register temporarily with `registered_temporarily`.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    view_name: str
    kind: str = "page"                 # portal, procedure, map, form, receipt, page
    receipt_argument: str | None = None  # the URL argument naming the receipt


@dataclass(frozen=True)
class Snippet:
    label: str
    rest: str                          # the page's path below /<slug>/ (as in its own URL)
    kind: str = "page"


_pages: dict[str, Page] = {}
_snippet_providers: list[Callable] = []
#: Pages that exist only embedded: rest of the path below /einbetten/<slug>/ -> view
#: (called with authority_slug).
_embed_only: dict[str, Callable] = {}


def register_embed_only(rest: str, view: Callable) -> None:
    _embed_only[rest] = view


def embed_only(rest: str) -> Callable | None:
    return _embed_only.get(rest)


def register_pages(*pages: Page) -> None:
    for page in pages:
        _pages[page.view_name] = page


def register_snippets(provider: Callable) -> None:
    if provider not in _snippet_providers:
        _snippet_providers.append(provider)


def page(view_name: str) -> Page | None:
    return _pages.get(view_name)


def snippets(authority) -> list[Snippet]:
    found = []
    for provider in _snippet_providers:
        found.extend(provider(authority))
    return found


@contextmanager
def registered_temporarily(*pages: Page):
    before = dict(_pages)
    register_pages(*pages)
    try:
        yield
    finally:
        _pages.clear()
        _pages.update(before)
