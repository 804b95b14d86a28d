"""Entries of the staff area's start page, contributed by the modules (registry: the portal
does not import the modules).

A link may name who sees it (`is_visible(user)`), so a role is never offered a task that ends in
a 403: e.g. the XPlanGML import only for users who may create plans somewhere.
"""

from collections.abc import Callable
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
    is_visible: Callable[[object], bool] | None = None
    #: Also offered to users who work for no authority (e.g. a state partner's administrators).
    without_authority: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def visible_to(self, user) -> bool:
        return self.is_visible is None or bool(self.is_visible(user))


_links: dict[str, StaffLink] = {}


def register(link: StaffLink) -> None:
    _links[link.code] = link


def staff_links(user=None) -> list[StaffLink]:
    """The registered links in their order; with a user, only those the user may follow."""
    links = sorted(_links.values(), key=lambda link: link.order)
    if user is None:
        return links
    return [link for link in links if link.visible_to(user)]
