from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Authority

from .models import CitizenProfile


def _no_control_characters(value: str) -> str:
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise forms.ValidationError(_("Please remove line breaks and control characters."))
    return " ".join(value.split())


class ProfileForm(forms.ModelForm):
    class Meta:
        model = CitizenProfile
        fields = ["display_name", "street", "postcode", "city"]
        help_texts = {
            "display_name": _("Used to prefill your name in forms."),
            "street": _("Optional. Your address prefills the statement form; you can change it there."),
        }

    def clean(self):
        cleaned = super().clean()
        for field in self.Meta.fields:
            if cleaned.get(field):
                try:
                    cleaned[field] = _no_control_characters(cleaned[field])
                except forms.ValidationError as exc:
                    self.add_error(field, exc)
        return cleaned


class _AuthorityChoices(forms.ModelMultipleChoiceField):
    """An id beyond the database's integer range is an unknown choice, not an OverflowError
    of SQLite (found by the adversarial form fuzz)."""

    def _check_values(self, value):
        for pk in value or []:
            try:
                out_of_range = not -(2**63) <= int(str(pk)) < 2**63
            except (TypeError, ValueError):
                continue  # the parent names it
            if out_of_range:
                raise forms.ValidationError(self.error_messages["invalid_choice"],
                                            code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


class NotificationForm(forms.ModelForm):
    notify_new_procedures = _AuthorityChoices(
        queryset=Authority.objects.filter(is_active=True).order_by("name"), required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("E-mail me about new procedures of these authorities"))

    class Meta:
        model = CitizenProfile
        fields = ["notify_status_changes", "notify_new_procedures"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    confirm = forms.BooleanField(
        label=_("Yes, delete my account and my personal data."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # Signed up through an external provider: no password to confirm with.
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
