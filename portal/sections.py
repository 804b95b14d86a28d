"""Sections that modules contribute to an authority's portal page (registry, no imports of
modules from the portal)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    code: str
    order: int
    #: render(request, authority) -> str (HTML) or "" to show nothing
    render: Callable


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    _sections[section.code] = section


def rendered_sections(request, authority) -> list[str]:
    html = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        if authority.enabled_modules and section.code not in authority.enabled_modules:
            continue
        content = section.render(request, authority)
        if content:
            html.append(content)
    return html
