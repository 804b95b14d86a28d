"""Uploading a plan document."""

from django import forms
from django.utils.translation import gettext_lazy

from ..codelists import DocumentType
from ..models import PlanDocument


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=PlanDocument._meta.get_field("kind").verbose_name,
                             choices=DocumentType.choices, initial=DocumentType.BEGRUENDUNG)
    title = forms.CharField(
        label=PlanDocument._meta.get_field("title").verbose_name, max_length=300, required=False,
        help_text=gettext_lazy("Shown to the public; the file name is used when left empty."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("PDF, PNG, JPEG, GML/XML or ZIP; the content is checked."),
    )
    is_public = forms.BooleanField(
        label=gettext_lazy("Public (shown on the plan's public page once it is published)"),
        required=False, initial=True,
    )
