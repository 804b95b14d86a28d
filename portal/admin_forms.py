"""Admin form for adding a colleague to an authority without access to the list of all accounts.

Authority admins (non-superusers) name the account by its exact e-mail address: the answer is
only "this account" or "no single account has this address", so no one can browse or enumerate
the accounts of the installation by id or by partial name.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from .models import Membership


class MembershipByEmailForm(forms.ModelForm):
    account_email = forms.EmailField(
        label=gettext_lazy("E-mail address of the account"),
        help_text=gettext_lazy("The exact e-mail address of an existing, active account."),
    )

    class Meta:
        model = Membership
        fields = ["authority", "role"]

    def clean_account_email(self):
        email = self.cleaned_data["account_email"]
        accounts = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
        if len(accounts) != 1:
            raise forms.ValidationError(
                gettext_lazy("No single active account has this e-mail address. Ask the person "
                             "to register first, or ask the state operator."),
                code="no_account",
            )
        self.instance.user = accounts[0]
        return email

    def clean(self):
        cleaned = super().clean()
        authority = cleaned.get("authority")
        if authority is not None and self.instance.user_id and Membership.objects.filter(
                user_id=self.instance.user_id, authority=authority).exists():
            self.add_error("account_email", forms.ValidationError(
                gettext_lazy("This account already has a role at this authority."),
                code="duplicate"))
        return cleaned
