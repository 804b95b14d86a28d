from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenAccountsConfig(AppConfig):
    name = "accounts_citizen"
    label = "accounts_citizen"
    verbose_name = _("Citizen accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .contributions import registry
        from .contributions.statements import StatementContributions

        registry.register(StatementContributions())
