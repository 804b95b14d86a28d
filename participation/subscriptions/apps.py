from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    """E-mail subscriptions to an area (double opt-in) and Atom feeds per authority and area."""

    name = "participation.subscriptions"
    label = "subscriptions"
    verbose_name = _("Subscriptions")

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the topics of the planning procedures)
