"""Forms of the trail wardens (their report form, walks, updates) and of the staff pages that
manage wardens and sections."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.incidents.forms import MultiplePhotoInput, PhotosField
from participation.incidents.models import Status

from .models import Condition


class SectionChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value):
        # Ids the database cannot hold (e.g. 10**30 overflows SQLite's INTEGER): refused like
        # any unknown choice, before the query.
        for item in value:
            text = str(item)
            if not text.isdigit() or int(text) > 2**31 - 1:
                raise forms.ValidationError(self.error_messages["invalid_choice"],
                                            code="invalid_choice", params={"value": text})
        return super()._check_values(value)

    def label_from_instance(self, obj):
        return f"{obj.trail.name}: {obj.name} (km {obj.start_km:g}–{obj.end_km:g})"


class WardenReportForm(forms.Form):
    """The warden's report form: served online, and cached by the offline app (trails/js)."""

    category = forms.ModelChoiceField(queryset=None, label=_("What is the problem?"),
                                      empty_label=_("– please choose –"))
    signpost = forms.ChoiceField(label=_("Signpost (optional)"), required=False)
    latitude = forms.CharField(label=_("Latitude (WGS84, e.g. 51.0504)"), max_length=40,
                               required=False,
                               widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    longitude = forms.CharField(label=_("Longitude (WGS84, e.g. 13.7373)"), max_length=40,
                                required=False,
                                widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    description = forms.CharField(label=_("Description"), max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    photos = PhotosField(label=_("Photos (up to 5, JPEG, PNG or WebP)"),
                         widget=MultiplePhotoInput(
                             attrs={"accept": "image/jpeg,image/png,image/webp"}))
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, categories, signposts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["signpost"].choices = [("", _("none")),
                                           *[(s.public_id, s.public_id) for s in signposts]]

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("signpost") and not (
                data.get("latitude") and data.get("longitude")):
            raise forms.ValidationError(_("Choose a signpost or give latitude and longitude."))
        return data


class InspectionForm(forms.Form):
    walked_on = forms.DateField(label=_("Date of the walk"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    sections = SectionChoiceField(label=_("Sections walked"), queryset=None)
    findings = forms.CharField(label=_("Findings"), required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 4}))
    reports = forms.MultipleChoiceField(
        label=_("Reports made from the findings"), required=False,
        widget=forms.CheckboxSelectMultiple)
    # Optionally one new report from a finding, stored with the walk.
    new_category = forms.ModelChoiceField(queryset=None, required=False,
                                          label=_("New report: what is the problem?"),
                                          empty_label=_("– no new report –"))
    new_signpost = forms.ChoiceField(label=_("New report: signpost"), required=False)
    new_latitude = forms.CharField(label=_("New report: latitude (WGS84)"), max_length=40,
                                   required=False,
                                   widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    new_longitude = forms.CharField(label=_("New report: longitude (WGS84)"), max_length=40,
                                    required=False,
                                    widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    new_description = forms.CharField(label=_("New report: description"), required=False,
                                      max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4,
                                      required=False)

    def __init__(self, *args, sections, reports, categories, signposts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].queryset = sections
        self.fields["new_category"].queryset = categories
        self.fields["new_signpost"].choices = [("", _("none")),
                                               *[(s.public_id, s.public_id) for s in signposts]]
        self.report_rows = {row.report.reference: row.report for row in reports}
        self.fields["reports"].choices = [
            (ref, f"{ref}: {report.category.name}") for ref, report in self.report_rows.items()]
        if not reports:
            del self.fields["reports"]

    def chosen_reports(self):
        return [self.report_rows[ref] for ref in self.cleaned_data.get("reports", [])]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        wants_report = any(data.get(name) for name in (
            "new_category", "new_signpost", "new_latitude", "new_longitude", "new_description"))
        if wants_report and not (data.get("new_category") and data.get("new_description")):
            raise forms.ValidationError(_("For a new report, choose what the problem is and "
                                          "describe it."))
        if wants_report and not data.get("new_signpost") and not (
                data.get("new_latitude") and data.get("new_longitude")):
            raise forms.ValidationError(_("Choose a signpost or give latitude and longitude."))
        data["wants_report"] = wants_report
        return data


class WardenStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    public_answer = forms.CharField(label=_("Public answer (sent to the reporter)"),
                                    widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                                    required=False)


class WardenSignpostForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices)
    last_inspected = forms.DateField(label=_("Last inspection"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))


class InviteWardenForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Authority"), queryset=None)
    email = forms.EmailField(label=_("E-mail of the warden"))
    sections = SectionChoiceField(label=_("Sections"), queryset=None, required=False)

    def __init__(self, *args, authorities, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["sections"].queryset = sections


class WardenSectionsForm(forms.Form):
    sections = SectionChoiceField(label=_("Sections"), queryset=None, required=False)

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].queryset = sections


class SectionForm(forms.Form):
    name = forms.CharField(label=_("Name of the section"), max_length=120)
    start_km = forms.FloatField(label=_("From km"), min_value=0, max_value=100000)
    end_km = forms.FloatField(label=_("To km"), min_value=0, max_value=100000)

    def __init__(self, *args, trail, **kwargs):
        super().__init__(*args, **kwargs)
        self.trail = trail

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data["start_km"] >= data["end_km"]:
            raise forms.ValidationError(_("“From km” must be less than “to km”."))
        if data["end_km"] > self.trail.length_km + 0.1:
            raise forms.ValidationError(
                _("The trail is only %(km)s km long.") % {"km": self.trail.length_km})
        if self.trail.sections.filter(name=data["name"].strip()).exists():
            raise forms.ValidationError(_("This trail already has a section of this name."))
        return data
