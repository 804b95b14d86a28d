"""The public statement form: text, place (map, address/description, plan object or document),
attachments, identity as the phase allows, data-protection notice, spam traps.

The signed "rendered" token carries the time of rendering and the form's idempotency key: one
rendered form can be accepted as ONE statement (its key's; a repeat of the same content returns
the same receipt, other content is refused by the statement service), never as many.
"""

import time
import uuid

from django import forms
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.form_fields import GeoJSONGeometryField

from ..models import IdentityMode
from .form_fields import MultipleFileField

MIN_SECONDS = 3
MAX_AGE_SECONDS = 86400
TRAP_SALT = "statement-form-rendered"
HIDDEN_FIELDS = ("idempotency_key", "rendered")


def rendered_token(idempotency_key, *, at: float | None = None) -> str:
    """The signed token of a form rendered at `at` (now) for this idempotency key."""
    return signing.dumps({"t": time.time() if at is None else at, "k": str(idempotency_key)},
                         salt=TRAP_SALT)


def read_rendered_token(token: str) -> dict | None:
    """{"t": time rendered, "k": idempotency key} of a valid token, else None."""
    try:
        rendered = signing.loads(token, salt=TRAP_SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not (isinstance(rendered, dict) and isinstance(rendered.get("t"), int | float)
            and isinstance(rendered.get("k"), str)):
        return None
    return rendered


class StatementForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    rendered = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"))
    text = forms.CharField(
        label=gettext_lazy("Your statement"), widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
    )
    topics = forms.MultipleChoiceField(label=gettext_lazy("Topics"), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    location = GeoJSONGeometryField()
    location_text = forms.CharField(
        label=gettext_lazy("Place: address or description"), required=False, max_length=500,
        help_text=gettext_lazy("For example “Bachweg 3” or “the meadow north of the school”."),
    )
    plan_feature = forms.TypedChoiceField(label=gettext_lazy("Plan object"), required=False,
                                          coerce=int, empty_value=None)
    document = forms.TypedChoiceField(label=gettext_lazy("Document"), required=False,
                                      coerce=int, empty_value=None)
    document_section = forms.CharField(label=gettext_lazy("Section or page of the document"),
                                       required=False, max_length=200)
    attachments = MultipleFileField(
        label=gettext_lazy("Attachments (PDF, JPEG, PNG; at most 5 files of 10 MB, 25 MB together)"),
        required=False,
    )
    anonymous = forms.TypedChoiceField(
        label=gettext_lazy("How do you want to submit?"), coerce=lambda v: v == "yes",
        choices=[("no", gettext_lazy("with my name and address")),
                 ("yes", gettext_lazy("anonymously"))],
        widget=forms.RadioSelect, initial="no",
    )
    name = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=200)
    organisation = forms.CharField(label=gettext_lazy("Organisation (if any)"), required=False,
                                   max_length=200)
    # Only for a signed-in member of organisations (accounts_citizen): the statement is made
    # on behalf of the chosen one, whose name replaces the free-text organisation.
    on_behalf_of = forms.TypedChoiceField(label=gettext_lazy("On behalf of"), required=False,
                                          coerce=int, empty_value=None)
    street = forms.CharField(label=gettext_lazy("Street and number"), required=False,
                             max_length=200)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), required=False, max_length=10)
    city = forms.CharField(label=gettext_lazy("City"), required=False, max_length=100)
    email = forms.EmailField(
        label=gettext_lazy("E-mail for your receipt (optional)"), required=False,
        help_text=gettext_lazy("You receive the receipt with your statement as a PDF."),
    )
    privacy_accepted = forms.BooleanField(
        label=gettext_lazy("I have read the data-protection notice and agree that my statement is processed as described there."),
    )

    def __init__(self, *args, plan, settings, features=(), documents=(), has_privacy_notice=True,
                 organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.settings = plan, settings
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        if self.organisations:
            self.fields["on_behalf_of"].choices = [("", _("myself, as a private person"))] + [
                (pk, organisation.name) for pk, organisation in self.organisations.items()]
        else:
            del self.fields["on_behalf_of"]
        if not has_privacy_notice:  # no notice to have read: agree to what the page says
            self.fields["privacy_accepted"].label = _(
                "I agree that my statement and the data I entered are processed for this "
                "planning procedure.")
        self.fields["topics"].choices = [(t, t) for t in settings.topics]
        if not settings.topics:
            del self.fields["topics"]
        self.fields["plan_feature"].choices = [("", _("– none –"))] + list(features)
        if not features:
            del self.fields["plan_feature"]
        self.fields["document"].choices = [("", _("– none –"))] + list(documents)
        if not documents:
            del self.fields["document"]
            del self.fields["document_section"]
        if settings.identity == IdentityMode.NAMED:
            del self.fields["anonymous"]
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4()

    # The spam traps and the hidden fields answer in plain words, as errors of the whole form:
    # their field names ("rendered", "website") mean nothing to the person who sent it.

    def chosen_organisation(self):
        """The organisation the statement is made on behalf of, or None."""
        return self.organisations.get(self.cleaned_data.get("on_behalf_of"))

    def clean(self):
        cleaned = super().clean()
        organisation = self.chosen_organisation()
        if organisation is not None:
            cleaned["organisation"] = organisation.name
        hidden_broken = [name for name in HIDDEN_FIELDS if name in self._errors]
        for name in hidden_broken:
            del self._errors[name]
        if hidden_broken:
            raise forms.ValidationError(
                _("The form arrived incomplete. Please reload the page and send it again."),
                code="incomplete")
        if self._errors.pop("website", None) is not None or cleaned.get("website"):
            raise trap_filled_error()
        rendered = read_rendered_token(cleaned.get("rendered", ""))
        if rendered is None:
            raise forms.ValidationError(
                _("The form has expired. Please copy your text, reload the page and send it "
                  "again."), code="expired")
        if rendered["k"] != str(cleaned.get("idempotency_key")):
            # A rendered form is good for one statement: its own key's (finding: one token,
            # 490 statements and 490 receipt e-mails).
            raise forms.ValidationError(
                _("This form has already been used for a statement. Reload the page to write another one."),
                code="token_used")
        if time.time() - rendered["t"] < MIN_SECONDS:
            raise forms.ValidationError(
                _("The form was sent within a few seconds of opening it, which is what automated "
                  "spam does. Please check your entries and send it again."), code="too_fast")
        return cleaned

    @property
    def rendered_token(self) -> str:
        """The token of the form as first shown (time and key); a fresh one for the form's key
        if that is missing, expired or another key's."""
        key = (self.data.get("idempotency_key") if self.is_bound
               else self.initial.get("idempotency_key"))
        submitted = self.data.get("rendered", "") if self.is_bound else ""
        rendered = read_rendered_token(submitted)
        if rendered is not None and rendered["k"] == str(key):
            return submitted
        return rendered_token(key)


def trap_filled_error() -> forms.ValidationError:
    """The honeypot field was filled: said as an error of the whole form, in plain words."""
    return forms.ValidationError(
        _("The form could not be accepted because a field that must stay empty was filled in "
          "(perhaps by your browser). Please send it again."), code="trap")

