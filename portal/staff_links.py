"""Entries of the staff area's start page, contributed by the modules (registry: the portal
does not import the modules)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class StaffLink:
    code: str
    label: str | Promise
    url_name: str
    order: int = 100
    description: str | Promise = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_links: dict[str, StaffLink] = {}


def register(link: StaffLink) -> None:
    _links[link.code] = link


def staff_links() -> list[StaffLink]:
    return sorted(_links.values(), key=lambda link: link.order)
