"""The statement settings of a phase and an authority's defaults for them (one form for both).

The form checks the shape of the input and normalises the topics; the rule that co-signing
needs the public display is the service's (planning.services.participation_settings), and the
view shows its refusal next to the field.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import IdentityMode
from ..services.participation_settings import (
    MAX_TOPIC_LENGTH,
    MAX_TOPICS,
    RULE_FIELDS,
    clean_topics,
)

#: The raw text of the topics field (the count and length per topic are checked after it).
MAX_TOPICS_TEXT = 10_000


class StatementRulesForm(forms.Form):
    identity = forms.ChoiceField(
        label=_("Identity of submitters"), choices=IdentityMode.choices,
        help_text=_("“Anonymous or with name”: people may leave out their name and address. "
                    "“Name and postal address required”: the online form asks for both and "
                    "refuses a statement without them."))
    topics = forms.CharField(
        label=_("Topics offered"), required=False, max_length=MAX_TOPICS_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "true"}))
    display_publicly = forms.BooleanField(
        label=_("Display statements publicly after moderation"), required=False,
        help_text=_("Statements that a moderator approved are shown on the plan's public "
                    "page, without the submitters' names and addresses."))
    allow_cosigning = forms.BooleanField(
        label=_("Allow co-signing of displayed statements"), required=False,
        help_text=_("Visitors may support a displayed statement with their name; they confirm "
                    "it by e-mail. Needs the public display."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].help_text = gettext(
            "One topic per line (at most %(count)d topics of at most %(length)d characters). "
            "People choose from them when they write a statement; leave the field empty to "
            "offer no topics. Blank lines and repeated topics are left out."
        ) % {"count": MAX_TOPICS, "length": MAX_TOPIC_LENGTH}

    @classmethod
    def for_rules(cls, rules, data=None) -> "StatementRulesForm":
        """The form for a StatementSettings or ParticipationDefaults, bound to `data`."""
        initial = {name: getattr(rules, name) for name in RULE_FIELDS}
        initial["topics"] = "\n".join(rules.topics or [])
        return cls(data, initial=initial)

    def clean_topics(self) -> list[str]:
        return clean_topics(self.cleaned_data.get("topics", ""))

    def rules(self) -> dict:
        return {name: self.cleaned_data[name] for name in RULE_FIELDS}
