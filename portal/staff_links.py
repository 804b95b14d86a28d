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


@dataclass(frozen=True)
class AuthorityLink:
    """An entry of an authority's staff page (next to its settings), contributed by a module;
    its URL takes the authority's pk."""

    code: str
    label: str | Promise
    url_name: str
    order: int = 100
    #: is_visible(user, authority); None: everyone who sees the authority's page.
    is_visible: Callable[[object, object], bool] | None = None


_authority_links: dict[str, AuthorityLink] = {}


def register_authority_link(link: AuthorityLink) -> None:
    _authority_links[link.code] = link


def authority_links(user, authority) -> list[dict]:
    """The registered links the user may follow for `authority`: code, label and url."""
    return [
        {"code": link.code, "label": link.label, "url": reverse(link.url_name, args=[authority.pk])}
        for link in sorted(_authority_links.values(), key=lambda link: link.order)
        if link.is_visible is None or link.is_visible(user, authority)
    ]
