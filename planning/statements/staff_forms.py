"""Forms of the staff side of statements: filters, manual entry, import, moderation.

Every choice of a plan or phase is limited to the user's authorities, so a foreign id is simply
not a valid choice (nothing of another tenant is shown or accepted).
"""

import uuid

from django import forms
from django.contrib.gis.geos import GEOSException
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.errors import InputError
from gis.form_fields import GeoJSONGeometryField
from gis.geojson_input import parse_geometry
from portal.models import Phase

from ..models import Agency, Channel, ModerationState, Plan, SubmitterKind
from .form_fields import MultipleFileField

AREA_TYPES = {"Polygon", "MultiPolygon"}
MAX_AREA_VERTICES = 2000
MANUAL_CHANNELS = [(c.value, c.label) for c in (Channel.LETTER, Channel.EMAIL, Channel.MINUTES)]
YES_NO = [("", gettext_lazy("all")), ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))]

#: Query parameters the filter form understands (the API refuses any other).
FILTER_PARAMS = ("plan", "phase", "topic", "submitter_kind", "channel", "late", "moderation",
                 "q", "area")


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.number})" if obj.number else obj.name


class PhaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        plan = getattr(obj.procedure, "plan", None)
        period = f"{obj.start_date:%d.%m.%Y}–{obj.end_date:%d.%m.%Y}"
        prefix = f"{plan.name} – " if plan is not None and self.with_plan else ""
        return f"{prefix}{obj.display_title} ({period})"

    with_plan = True


def parse_area(text: str):
    """A drawn filter area: a valid (Multi)Polygon in WGS84, or InputError."""
    geometry = parse_geometry(text, allowed=AREA_TYPES, max_vertices=MAX_AREA_VERTICES)
    try:
        valid = geometry.valid
    except GEOSException:
        valid = False
    if not valid or geometry.area == 0:
        raise InputError(_("The drawn area is not a valid polygon (it crosses itself or has no area). Draw it again."))
    return geometry


class StatementFilterForm(forms.Form):
    """Filters of the list, the map, the exports and the staff API (all optional)."""

    plan = PlanChoiceField(label=gettext_lazy("Plan"), queryset=Plan.objects.none(),
                           required=False, to_field_name="uid",
                           empty_label=gettext_lazy("all plans"))
    phase = PhaseChoiceField(label=gettext_lazy("Phase"), queryset=Phase.objects.none(),
                             required=False, empty_label=gettext_lazy("all phases"))
    topic = forms.ChoiceField(label=gettext_lazy("Topic"), required=False)
    submitter_kind = forms.ChoiceField(
        label=gettext_lazy("Submitted by"), required=False,
        choices=[("", gettext_lazy("all"))] + list(SubmitterKind.choices),
    )
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False,
                                choices=[("", gettext_lazy("all"))] + list(Channel.choices))
    late = forms.ChoiceField(label=gettext_lazy("Late"), required=False, choices=YES_NO)
    moderation = forms.ChoiceField(
        label=gettext_lazy("Public display"), required=False,
        choices=[("", gettext_lazy("all"))] + list(ModerationState.choices),
    )
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200,
                        help_text=gettext_lazy("Reference number, text, name, organisation or place."))
    area = forms.CharField(label=gettext_lazy("Area drawn on the map"), required=False,
                           widget=forms.HiddenInput)

    def __init__(self, *args, plans, phases, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["phase"].queryset = phases
        self.fields["topic"].choices = [("", _("all"))] + [(t, t) for t in topics]

    def clean_q(self):
        return " ".join((self.cleaned_data.get("q") or "").split())

    def clean_area(self):
        text = (self.cleaned_data.get("area") or "").strip()
        if not text:
            return None
        try:
            return parse_area(text)
        except InputError as exc:
            raise forms.ValidationError(exc.message) from exc

    def active(self) -> dict:
        """The filters in use, for links (pagination, map data, export) and the API."""
        if not self.is_bound or not self.is_valid():
            return {}
        params = {}
        for name in FILTER_PARAMS:
            if name == "area":
                value = self.data.get("area", "").strip() if self.cleaned_data.get("area") else ""
            else:
                value = self.data.get(name, "")
            if value:
                params[name] = value
        return params


class PlanSelectForm(forms.Form):
    plan = PlanChoiceField(label=gettext_lazy("Plan"), queryset=Plan.objects.none(),
                           to_field_name="uid", empty_label=None)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class ManualStatementForm(forms.Form):
    """A statement that arrived on paper, by e-mail or was taken down in person."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    phase = PhaseChoiceField(label=gettext_lazy("Phase"), queryset=Phase.objects.none(),
                             empty_label=None)
    received_on = forms.DateField(
        label=gettext_lazy("Received on"),
        help_text=gettext_lazy("The day the statement reached the authority (date stamp). A date after the end of the phase marks it as late."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=MANUAL_CHANNELS)
    submitter_kind = forms.ChoiceField(label=gettext_lazy("Submitted by"),
                                       choices=SubmitterKind.choices)
    agency = forms.ModelChoiceField(label=gettext_lazy("Public agency"), required=False,
                                    queryset=Agency.objects.none(),
                                    empty_label=gettext_lazy("– none –"))
    text = forms.CharField(label=gettext_lazy("Text of the statement"), required=False,
                           max_length=20_000, widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=gettext_lazy("Type or paste the text; attach the scan below."))
    no_concerns = forms.BooleanField(label=gettext_lazy("No concerns (the sender agrees)"),
                                     required=False)
    topics = forms.MultipleChoiceField(label=gettext_lazy("Topics"), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    location = GeoJSONGeometryField()
    location_text = forms.CharField(
        label=gettext_lazy("Place: address or description"), required=False, max_length=500)
    attachments = MultipleFileField(
        label=gettext_lazy("Attachments, e.g. the scanned letter (PDF, JPEG, PNG; at most 5 files of 20 MB)"),
        required=False,
    )
    is_anonymous = forms.BooleanField(label=gettext_lazy("The sender gave no name"),
                                      required=False)
    name = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=200)
    organisation = forms.CharField(label=gettext_lazy("Organisation"), required=False,
                                   max_length=200)
    street = forms.CharField(label=gettext_lazy("Street and number"), required=False,
                             max_length=200)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), required=False, max_length=10)
    city = forms.CharField(label=gettext_lazy("City"), required=False, max_length=100)
    email = forms.EmailField(
        label=gettext_lazy("E-mail"), required=False,
        help_text=gettext_lazy("If given, the sender receives the receipt by e-mail."),
    )

    def __init__(self, *args, phases, topics=(), agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = phases
        self.fields["phase"].with_plan = False
        self.fields["topics"].choices = [(t, t) for t in topics]
        if not topics:
            del self.fields["topics"]
        if agencies is not None:
            self.fields["agency"].queryset = agencies
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())
            self.initial.setdefault("received_on", timezone.localdate())
            self.initial.setdefault("channel", Channel.LETTER)

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("no_concerns") \
                and not data.get("attachments"):
            self.add_error("text", _("Type the text of the statement or attach the scanned letter."))
        agency = data.get("agency")
        if agency is not None and data.get("submitter_kind") != SubmitterKind.AGENCY:
            self.add_error("agency", _("Choose a public agency only for statements of public agencies."))
        return data


class ImportForm(forms.Form):
    phase = PhaseChoiceField(label=gettext_lazy("Phase"), queryset=Phase.objects.none(),
                             empty_label=None)
    file = forms.FileField(
        label=gettext_lazy("File (CSV or Excel .xlsx)"),
        help_text=gettext_lazy("The first row names the columns; see the column layout below."),
    )

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = phases
        self.fields["phase"].with_plan = False


class ModerationForm(forms.Form):
    APPROVE, REJECT, SAVE = "approve", "reject", "save"

    public_text = forms.CharField(
        label=gettext_lazy("Text for public display"), required=False, max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Shown publicly without name and address. Remove names, addresses, e-mail addresses, telephone numbers and anything else that identifies a person."),
    )
    action = forms.ChoiceField(choices=[(APPROVE, APPROVE), (REJECT, REJECT), (SAVE, SAVE)])
