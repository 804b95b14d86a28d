import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Dialogue, Moderation, Rating
from .services import parse_location


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Plain text; web addresses may be given as links."))
    topic = forms.ChoiceField(label=_("Topic (optional)"), required=False)
    location = forms.CharField(
        label=_("Place on the map (optional, GeoJSON)"), required=False, max_length=100_000,
        widget=forms.HiddenInput)
    parent = forms.UUIDField(required=False, widget=forms.HiddenInput)
    guest_name = forms.CharField(label=_("Your name"), max_length=200, required=False,
                                 help_text=_("Shown with your comment."))
    guest_email = forms.EmailField(label=_("Your e-mail address"), required=False,
                                   help_text=_("Not published."))
    notify_replies = forms.BooleanField(
        label=_("Tell me by e-mail when someone replies to my comment"), required=False,
        help_text=_("To the e-mail address of your account; you can unsubscribe with the link "
                    "in every such e-mail."))
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, dialogue: Dialogue, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("– none –"))] + [(t, t) for t in dialogue.topics]
        if not dialogue.topics:
            del self.fields["topic"]
        self.signed_in = signed_in
        if signed_in:
            del self.fields["guest_name"], self.fields["guest_email"]
        else:
            # Guests' addresses are not confirmed: no mails to them.
            del self.fields["notify_replies"]
            self.fields["guest_name"].required = True
            self.fields["guest_email"].required = True

    def clean_location(self):
        return parse_location(self.cleaned_data.get("location") or "")


class RateForm(forms.Form):
    value = forms.TypedChoiceField(label=_("Your rating"), coerce=int,
                                   choices=[(Rating.AGREE, _("agree")),
                                            (Rating.DISAGREE, _("disagree"))])


class FlagForm(forms.Form):
    reason = forms.CharField(label=_("Why should a moderator look at this comment?"),
                             max_length=500)


class ModerationForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=[
        ("hide", _("Hide")), ("restore", _("Restore (and clear flags)")),
        ("release", _("Release (pre-moderation)")), ("note", _("Save the note only"))])
    public_reason = forms.CharField(label=_("Reason shown publicly"), max_length=500,
                                    required=False)
    note = forms.CharField(label=_("Moderator note (internal)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class BlockForm(forms.Form):
    reason = forms.CharField(label=_("Reason for blocking (shown to the participant)"),
                             max_length=500)


class SettingsForm(forms.ModelForm):
    publish_summary = forms.BooleanField(
        label=_("Publish the summary"), required=False,
        help_text=_("Possible once the dialogue is closed."))

    class Meta:
        model = Dialogue
        fields = ["moderation", "summary"]
        widgets = {"moderation": forms.RadioSelect,
                   "summary": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_summary"].initial = self.instance.summary_published_at is not None

    def clean(self):
        data = super().clean()
        if data.get("publish_summary"):
            if self.instance.is_open():
                self.add_error("publish_summary",
                               _("The summary can be published once the dialogue is closed."))
            elif not (data.get("summary") or "").strip():
                self.add_error("summary", _("Write the summary before publishing it."))
        return data

    def save(self, commit=True):
        from django.utils import timezone

        dialogue = super().save(commit=False)
        if not self.cleaned_data.get("publish_summary"):
            dialogue.summary_published_at = None
        elif dialogue.summary_published_at is None:
            dialogue.summary_published_at = timezone.now()
        if commit:
            dialogue.save()
        return dialogue


class NewDialogueForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Authority"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    topics = forms.CharField(label=_("Topics (one per line, optional)"), required=False,
                             max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    start_date = forms.DateField(label=_("Open from"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Open until (last day)"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    moderation = forms.ChoiceField(label=_("Moderation"), choices=Moderation.choices,
                                   initial=Moderation.POST, widget=forms.RadioSelect)

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        if authorities.count() == 1:
            self.fields["authority"].initial = authorities.first()

    def clean_topics(self) -> list[str]:
        lines = [line.strip()[:200] for line in self.cleaned_data["topics"].splitlines()]
        return list(dict.fromkeys(line for line in lines if line))[:30]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day must not be before the first day."))
        return data
