"""Form fields shared by the statement forms (public, agencies, staff)."""

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext as _

from .attachments import MAX_FILES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsBoundField(BoundField):
    @property
    def unkept_names(self) -> list[str]:
        """Files sent with a form that is shown again with errors: a browser never keeps a
        chosen file, so the page must ask for them again (nothing of them is stored)."""
        form = self.form
        if not form.is_bound or not form.errors or not hasattr(form.files, "getlist"):
            return []
        return [upload.name for upload in form.files.getlist(self.html_name) if upload]


class MultipleFileField(forms.FileField):
    """Several files in one input -> a list of uploads (possibly empty, at most MAX_FILES)."""

    widget = MultipleFileInput

    def get_bound_field(self, form, field_name):
        return AttachmentsBoundField(form, self, field_name)

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
