"""Forms of the weighing workbench."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Decision


class ConsiderationForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), required=False, widget=forms.RadioSelect,
                                 choices=[("", _("not yet decided"))] + list(Decision.choices))
    reasoning = forms.CharField(label=_("Reasoning"), required=False,
                                widget=forms.Textarea(attrs={"rows": 6}))
    text_block = forms.TypedChoiceField(label=_("Insert a text block"), required=False,
                                        coerce=int, empty_value=None)
    plan_change = forms.CharField(label=_("Resulting change of the plan"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    plan_features = forms.TypedMultipleChoiceField(label=_("Changed plan objects"),
                                                   required=False, coerce=int)
    assignee = forms.TypedChoiceField(label=_("Assigned to"), required=False, coerce=int,
                                      empty_value=None)
    due_date = forms.DateField(label=_("Due"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, text_blocks=(), features=(), staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text_block"].choices = [("", _("– none –"))] + [
            (b.pk, b.title) for b in text_blocks]
        self.text_blocks = {b.pk: b for b in text_blocks}
        self.fields["plan_features"].choices = list(features)
        if not features:
            del self.fields["plan_features"]
        self.fields["assignee"].choices = [("", _("– nobody –"))] + list(staff)

    def clean(self):
        data = super().clean()
        block = self.text_blocks.get(data.get("text_block"))
        if block is not None:
            reasoning = data.get("reasoning", "")
            data["reasoning"] = (reasoning + "\n\n" + block.text).strip() if reasoning else block.text
            if not data.get("decision") and block.decision:
                data["decision"] = block.decision
        return data


class SplitForm(forms.Form):
    parts = forms.CharField(
        label=_("Sections"), widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Separate the sections by a line containing only three dashes (---)."),
    )

    def clean_parts(self):
        return [p.strip() for p in self.cleaned_data["parts"].split("\n---\n") if p.strip()]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=5000)


class GroupForm(forms.Form):
    title = forms.CharField(label=_("Name of the group"), max_length=200)
    statements = forms.TypedMultipleChoiceField(label=_("Statements"), coerce=int,
                                                widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].choices = list(choices)


class TextBlockForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    decision = forms.ChoiceField(label=_("Suggested decision"), required=False,
                                 choices=[("", _("none"))] + list(Decision.choices))
