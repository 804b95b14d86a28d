"""Form fields shared by the statement forms (public, agencies, staff)."""

from django import forms
from django.utils.translation import gettext as _

from .attachments import MAX_FILES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input -> a list of uploads (possibly empty, at most MAX_FILES)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            files = [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        else:
            files = [super().clean(data, initial)] if data else []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(max)d attachments are accepted.")
                                        % {"max": MAX_FILES})
        return files
