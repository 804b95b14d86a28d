from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participation.incidents.errors import ReportRefused
from participation.incidents.location import lat_lon, point_from_lat_lon

from .models import Condition
from .plates import parse_plates, plates_text


class SignpostForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Authority"), queryset=None)
    latitude = forms.CharField(label=_("Latitude (WGS84)"), max_length=40)
    longitude = forms.CharField(label=_("Longitude (WGS84)"), max_length=40)
    plates = forms.CharField(
        label=_("Direction plates"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One plate a line: destination; distance in km; time, e.g. "
                    "“Bastei; 4,5; 1:15”."))
    material = forms.CharField(label=_("Material"), max_length=120, required=False)
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices)
    last_inspected = forms.DateField(label=_("Last inspection"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, authorities, signpost=None, **kwargs):
        if signpost is not None and "initial" not in kwargs:
            latitude, longitude = lat_lon(signpost.location)
            kwargs["initial"] = {
                "authority": signpost.authority_id, "latitude": latitude,
                "longitude": longitude, "plates": plates_text(signpost.plates),
                "material": signpost.material, "condition": signpost.condition,
                "last_inspected": signpost.last_inspected}
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        if signpost is not None:
            self.fields["authority"].disabled = True

    def clean_plates(self):
        return parse_plates(self.cleaned_data["plates"])

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["location"] = point_from_lat_lon(data["latitude"], data["longitude"])
        except ReportRefused as exc:
            raise ValidationError(exc.messages) from exc
        return data


class SignpostImportForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Authority"), queryset=None)
    file = forms.FileField(label=_("CSV file"),
                           help_text=_("Columns: latitude, longitude, plates, material, "
                                       "condition, last_inspected (see the documentation)."))

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
