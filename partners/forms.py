"""Forms of the partner area."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Authority, AuthorityKind

from .models import StatePartner


class StatePartnerForm(forms.ModelForm):
    class Meta:
        model = StatePartner
        fields = ["name", "land_key", "licence_number", "licence_valid_until", "contact_email"]
        widgets = {"licence_valid_until": forms.DateInput(attrs={"type": "date"})}


class AppointForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the administrator"))


class AuthorityImportForm(forms.Form):
    file = forms.FileField(label=_("Boundary file"), help_text=_(
        "GeoJSON, GeoPackage or zipped Shapefile of the municipalities or districts, with "
        "their names and AGS (for example VG250 of the BKG)."))
    kind = forms.ChoiceField(label=_("Kind of authorities"), choices=AuthorityKind.choices,
                             initial=AuthorityKind.MUNICIPALITY)
    name_field = forms.CharField(label=_("Field with the name"), initial="GEN", max_length=50)
    ags_field = forms.CharField(label=_("Field with the AGS"), initial="AGS", max_length=50,
                                required=False, help_text=_("Empty: derived from the ARS."))
    ars_field = forms.CharField(label=_("Field with the ARS"), initial="ARS", max_length=50,
                                required=False, help_text=_("Empty: no ARS."))
    dry_run = forms.BooleanField(label=_("Only check the file, import nothing"),
                                 required=False)


class AuthorityCreateForm(forms.ModelForm):
    class Meta:
        model = Authority
        fields = ["name", "slug", "kind", "ags", "contact_email"]

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["ags"].required = True
        self.fields["ags"].help_text = _("Eight digits; in your Land it begins with %(key)s.") % {
            "key": partner.land_key}

    def clean_ags(self):
        ags = self.cleaned_data["ags"]
        if ags and not ags.startswith(self.partner.land_key):
            raise forms.ValidationError(
                _("The AGS %(ags)s is not in the Land with the key %(land)s: only authorities "
                  "of your own Land can be imported.") % {"ags": ags,
                                                          "land": self.partner.land_key})
        return ags
