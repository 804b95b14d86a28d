from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """General participation procedures: dialogues, surveys, events, votes, incident reports."""

    name = "participation"
    label = "participation"
    verbose_name = _("Participation")
