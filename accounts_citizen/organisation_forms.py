"""Forms of the organisation pages under /konto/organisationen/."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import _no_control_characters as _single_line
from .models import Organisation, OrganisationRole


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "contact_name", "contact_email"]
        help_texts = {
            "contact_email": _("Where the organisation can be reached; shown to the "
                               "authorities you write to, not to the public."),
        }

    def clean_name(self):
        name = _single_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Please enter the name of the organisation."))
        return name

    def clean_contact_name(self):
        return _single_line(self.cleaned_data.get("contact_name", ""))


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))


class MemberRoleForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationRole.choices)


class LinkAgencyForm(forms.Form):
    agency = forms.TypedChoiceField(label=_("Public agency"), coerce=int)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [
            (agency.pk, f"{agency.name} ({agency.authority.name})") for agency in agencies]
