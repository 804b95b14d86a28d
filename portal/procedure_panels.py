"""Panels that apps add to a procedure's staff page (registry; the portal imports no app).

A panel is `render(request, procedure) -> str` (HTML, "" for nothing). Staff pages of the
modules show them with `{% load portal_procedures %}{% procedure_panels procedure %}`.
"""

from collections.abc import Callable

_panels: list[tuple[int, Callable]] = []


def register(render: Callable, order: int = 100) -> None:
    if all(existing is not render for _order, existing in _panels):
        _panels.append((order, render))
        _panels.sort(key=lambda item: item[0])


def rendered(request, procedure) -> list[str]:
    if procedure is None:
        return []
    return [html for _order, render in _panels if (html := render(request, procedure))]
