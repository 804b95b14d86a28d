import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .codes import CODE_LENGTH, normalise_code
from .models import Question, QuestionType
from .services import MAX_OPTIONS


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20,
        help_text=_("The 6 letters and digits shown by the moderator, e.g. K7MP3X."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false", "inputmode": "text"}))

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("A code has %(length)d letters and digits, e.g. K7MP3X.")
                % {"length": CODE_LENGTH})
        return code


class SessionForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Authority"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description (optional)"), required=False,
                                  max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    start_date = forms.DateField(label=_("First day of voting"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Last day of voting"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    event_url = forms.URLField(label=_("Address of the event's page (optional)"),
                               required=False, max_length=200, assume_scheme="https")
    live_results = forms.BooleanField(
        label=_("Show results on the projector while voting"), required=False, initial=True,
        help_text=_("Otherwise the projector shows only the number of votes until you reveal "
                    "the results."))
    checked_in_only = forms.BooleanField(
        label=_("Only checked-in ticket holders may vote"), required=False,
        help_text=_("Needs the check-in of the events module; without it no vote is "
                    "accepted."))

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        if authorities.count() == 1:
            self.fields["authority"].initial = authorities.first()
        today = datetime.date.today()
        self.fields["start_date"].initial = today
        self.fields["end_date"].initial = today

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day must not be before the first day."))
        return data


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Answers to choose from (one per line)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: 2 to 12 answers."))

    class Meta:
        model = Question
        fields = ["type", "text", "max_choices", "scale_min", "scale_max", "scale_min_label",
                  "scale_max_label"]
        widgets = {"type": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["options_text"].initial = "\n".join(self.instance.choices)

    def clean_options_text(self) -> list[str]:
        lines = [line.strip()[:200] for line in self.cleaned_data["options_text"].splitlines()]
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        options = data.get("options_text") or []
        if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE) and not (
                2 <= len(options) <= MAX_OPTIONS):
            self.add_error("options_text",
                           _("Give 2 to %(count)d different answers, one per line.")
                           % {"count": MAX_OPTIONS})
        low, high = data.get("scale_min"), data.get("scale_max")
        if kind == QuestionType.SCALE and low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("The highest value must be above the lowest."))
        if kind != QuestionType.SCALE and low is not None and high is not None and high <= low:
            data["scale_min"], data["scale_max"] = 1, 5
        return data

    def _post_clean(self):
        self.instance.options = (self.cleaned_data.get("options_text") or []) if (
            self.cleaned_data.get("type") in (QuestionType.SINGLE, QuestionType.MULTIPLE)) else []
        super()._post_clean()


class StepForm(forms.Form):
    """A moderator's step on a question."""

    action = forms.ChoiceField(choices=[(a, a) for a in (
        "open", "close", "reveal", "conceal", "delete", "up", "down")])
    question = forms.IntegerField(min_value=1)


class PublishForm(forms.Form):
    publish = forms.TypedChoiceField(coerce=int, choices=[(1, "1"), (0, "0")])


class HideForm(forms.Form):
    vote = forms.IntegerField(min_value=1)
    hidden = forms.TypedChoiceField(coerce=int, choices=[(1, "1"), (0, "0")])
