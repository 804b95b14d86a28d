"""The portal's own embeddable page: the authority's whole portal (its home page)."""

from django.utils.translation import gettext as _

from . import registry


def portal_snippets(authority) -> list[registry.Snippet]:
    return [registry.Snippet(label=_("The whole portal of %(name)s") % {"name": authority.name},
                             rest="", kind="portal")]


def register() -> None:
    registry.register_pages(registry.Page("portal:authority-home", kind="portal"))
    registry.register_snippets(portal_snippets)
