from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DataSubjectRequest, ProcessingRecord, RetentionRule


class SubjectRequestForm(forms.ModelForm):
    class Meta:
        model = DataSubjectRequest
        fields = ["kind", "subject_name", "subject_email", "received_on"]
        widgets = {"received_on": forms.DateInput(attrs={"type": "date"})}

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        if received_on < date(2018, 5, 25):
            raise forms.ValidationError(_("The GDPR applies from 25 May 2018."))
        return received_on

    def clean(self):
        data = super().clean()
        if not (data.get("subject_name", "").strip() or data.get("subject_email", "").strip()):
            raise forms.ValidationError(_("Enter the person's name or e-mail address."))
        return data


class SearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("name", "").strip() or data.get("email", "").strip()):
            raise forms.ValidationError(_("Enter the person's name or e-mail address."))
        return data


class ProcessingRecordForm(forms.ModelForm):
    class Meta:
        model = ProcessingRecord
        fields = ["controller", "dpo_contact", "recipients", "security_measures", "notes"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class RetentionRuleForm(forms.ModelForm):
    class Meta:
        model = RetentionRule
        fields = ["months", "is_active"]
