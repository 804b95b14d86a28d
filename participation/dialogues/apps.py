from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

MODULE_CODE = "dialogues"


def _moderates_dialogues(user) -> bool:
    from .selectors import moderated_authorities

    return bool(moderated_authorities(user))


class DialoguesConfig(AppConfig):
    """Dialogues: a text with topics and a map; citizens comment, reply, rate and flag."""

    name = "participation.dialogues"
    label = "dialogues"
    verbose_name = _("Dialogues")

    def ready(self) -> None:
        from accounts_citizen.contributions import registry as contributions
        from portal import modules, sections, staff_links

        from . import listing
        from .contributions import CommentContributions
        from .kinds import register
        from .sections import dialogues_section

        register()
        listing.register()
        modules.register(
            modules.Module(
                code=MODULE_CODE,
                name=_("Dialogues"),
                description=_("A text with topics and a map; citizens write comments and "
                              "replies, pinned to a place if they like, and rate them."),
            )
        )
        sections.register(sections.Section(code=MODULE_CODE, order=45, render=dialogues_section))
        staff_links.register(staff_links.StaffLink(
            "dialogues", _("Dialogues"), "dialogues_staff:list", 65,
            is_visible=_moderates_dialogues))
        contributions.register(CommentContributions())
