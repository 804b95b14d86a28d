"""Embeddable incident-report pages (portal.embedding.registry)."""

from django.utils.translation import gettext as _

from portal.embedding import registry

from .apps import MODULE_CODE


def incident_snippets(authority) -> list[registry.Snippet]:
    if not authority.has_module(MODULE_CODE):
        return []
    return [registry.Snippet(label=_("Incident report form"), rest="meldungen/neu/", kind="form"),
            registry.Snippet(label=_("Map of incident reports"), rest="meldungen/", kind="map")]


def register() -> None:
    registry.register_pages(
        registry.Page("incidents:list", kind="map"),
        registry.Page("incidents:form", kind="form"),
        registry.Page("incidents:receipt", kind="receipt", receipt_argument="report_uid"),
        registry.Page("incidents:detail", kind="page"),
        registry.Page("incidents:support", kind="form"),
    )
    registry.register_snippets(incident_snippets)
