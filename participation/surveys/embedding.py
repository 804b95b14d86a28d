"""Embeddable survey pages (portal.embedding.registry)."""

from django.utils.translation import gettext as _

from portal.embedding import registry

from .apps import MODULE_CODE
from .selectors import open_surveys


def survey_snippets(authority) -> list[registry.Snippet]:
    if not authority.has_module(MODULE_CODE):
        return []
    return [registry.Snippet(label=_("Survey: %(title)s") % {"title": survey.title},
                             rest=f"umfragen/{survey.uid}/", kind="form")
            for survey in open_surveys(authority)]


def register() -> None:
    registry.register_pages(
        registry.Page("surveys:start", kind="form"),
        registry.Page("surveys:answer", kind="form"),
        registry.Page("surveys:thanks", kind="page"),
    )
    registry.register_snippets(survey_snippets)
