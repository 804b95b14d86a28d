"""Staff forms of the builder: a new survey (with its procedure and phase), a question."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.errors import InputError
from gis.geojson_input import parse_geometry
from gis.srid import storage_srid

from .models import ParticipationMode, Question, QuestionType

MAX_OPTIONS = 30


class SurveyForm(forms.Form):
    authority = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Authority"))
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    intro = forms.CharField(label=gettext_lazy("Introduction"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    participation = forms.ChoiceField(label=gettext_lazy("Participation"),
                                      choices=ParticipationMode.choices)
    start_date = forms.DateField(label=gettext_lazy("First day"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=gettext_lazy("Last day"),
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.models import Authority

        self.fields["authority"].queryset = Authority.objects.filter(
            pk__in=[a.pk for a in authorities])

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and (
                data["end_date"] < data["start_date"]):
            self.add_error("end_date", _("The last day must not be before the first day."))
        return data


class PrintCodesForm(forms.Form):
    OUTPUTS = [("page", gettext_lazy("show on this page")),
               ("csv", gettext_lazy("download as CSV")),
               ("pdf", gettext_lazy("download as printable PDF"))]
    count = forms.IntegerField(label=gettext_lazy("Number of new invitation codes"),
                               min_value=1, max_value=500, initial=10)
    output = forms.ChoiceField(label=gettext_lazy("Output (the codes are shown only once)"),
                               choices=OUTPUTS, initial="pdf", widget=forms.RadioSelect)


MAX_ADDRESSES = 500


class MailCodesForm(forms.Form):
    addresses = forms.CharField(
        label=gettext_lazy("E-mail addresses (one per line, or separated by commas)"),
        widget=forms.Textarea(attrs={"rows": 6}), max_length=100_000)

    def clean_addresses(self) -> list[str]:
        validate = EmailValidator()
        found, invalid, seen = [], [], set()
        for raw in re.split(r"[\s,;]+", self.cleaned_data["addresses"]):
            address = raw.strip()
            if not address or address.lower() in seen:
                continue
            seen.add(address.lower())
            try:
                validate(address)
            except ValidationError:
                invalid.append(address)
                continue
            found.append(address)
        if invalid:
            shown = ", ".join(invalid[:10]) + (" …" if len(invalid) > 10 else "")
            raise forms.ValidationError(
                _("These are not valid e-mail addresses: %(list)s. Nothing was sent.")
                % {"list": shown})
        if not found:
            raise forms.ValidationError(_("Please enter at least one e-mail address."))
        if len(found) > MAX_ADDRESSES:
            raise forms.ValidationError(
                _("At most %(max)s addresses at a time.") % {"max": MAX_ADDRESSES})
        return found


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=gettext_lazy("Options (one per line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}), max_length=6000)
    limit_area_text = forms.CharField(
        label=gettext_lazy("Limit map answers to this area (GeoJSON, optional)"),
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=200_000)

    class Meta:
        model = Question
        fields = ["text", "help_text", "type", "required", "page", "max_count",
                  "condition_question", "condition_value"]

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        others = survey.questions.exclude(pk=self.instance.pk).filter(
            type__in=[QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.SCALE])
        self.fields["condition_question"].queryset = others
        self.fields["page"].min_value = 1
        if self.instance.pk:
            self.fields["options_text"].initial = "\n".join(self.instance.options or [])

    def clean_options_text(self):
        lines = [line.strip()[:200] for line in self.cleaned_data["options_text"].splitlines()]
        options = list(dict.fromkeys(line for line in lines if line))
        if len(options) > MAX_OPTIONS:
            raise forms.ValidationError(_("At most %(n)d options.") % {"n": MAX_OPTIONS})
        return options

    def clean_limit_area_text(self):
        text = self.cleaned_data["limit_area_text"].strip()
        if not text:
            return None
        try:
            area = parse_geometry(text, allowed={"Polygon", "MultiPolygon"})
        except InputError as exc:
            raise forms.ValidationError(exc.message) from exc
        if area.geom_type == "Polygon":
            from django.contrib.gis.geos import MultiPolygon

            area = MultiPolygon(area, srid=area.srid)
        return area.transform(storage_srid(), clone=True)

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.RANKING) and len(
                data.get("options_text") or []) < 2:
            self.add_error("options_text", _("Give at least two options."))
        condition = data.get("condition_question")
        if condition is not None:
            if condition.page >= (data.get("page") or 1):
                self.add_error("condition_question",
                               _("The condition must name a question on an earlier page."))
            elif data.get("condition_value") not in condition.choices:
                self.add_error("condition_value", _("Give one of that question's options."))
        return data

    def save(self, commit=True):
        question = super().save(commit=False)
        question.survey = self.survey
        question.options = self.cleaned_data["options_text"]
        if self.cleaned_data.get("limit_area_text") is not None:
            question.limit_area = self.cleaned_data["limit_area_text"]
        if question.order == 0 and question.pk is None:
            question.order = self.survey.questions.count() + 1
        if commit:
            question.save()
        return question
