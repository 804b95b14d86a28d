"""Forms of the agency register, the invitations of a phase and the agency's own page.

They validate input; writes go through planning.agencies services.
"""

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.errors import InputError

from ..agencies.area import read_responsibility_area
from ..agencies.register import MAX_EMAILS, clean_emails, clean_topics
from ..models import Agency
from ..services.statements import MAX_TEXT
from ..statements.attachments import MAX_FILES, max_attachment_bytes, max_attachments_total_bytes
from ..statements.form_fields import MultipleFileField, MultipleFileInput
from .area import AreaField, AreaMapWidget

LIST_SEPARATORS = re.compile(r"[\n,;]+")
EMAIL_LIST_SEPARATORS = re.compile(r"[\s,;]+")


def _label(name: str):
    return Agency._meta.get_field(name).verbose_name


class EmailListField(forms.CharField):
    """Several e-mail addresses, one per line (or separated by commas) -> a list."""

    widget = forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_EMAILS * 260)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        text = super().clean(value)
        try:
            return clean_emails(EMAIL_LIST_SEPARATORS.split(text or ""))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["emails"]) from exc


class TopicListField(forms.CharField):
    """Topics (Belange), one per line -> a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 5000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        text = super().clean(value)
        try:
            return clean_topics(LIST_SEPARATORS.split(text or ""))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["topics"]) from exc


class ResponsibilityAreaWidget(AreaMapWidget):
    """The drawing map of the Geltungsbereich, worded for an agency's area."""

    template_name = "planning/agencies/area_widget.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["config"]["text"].update({
            "drawn": _("The drawn area of responsibility has %(count)s part(s)."),
            "empty": _("No area of responsibility is drawn."),
            "invalid": _("The text is not a GeoJSON area; the map shows the last valid area."),
            "loaded": _("The map shows the area of responsibility from the text field."),
        })
        return context


#: Codes of AreaField whose message is already specific (coordinates, points, crossings).
SPECIFIC_CODES = ("geometry", "too_many_points", "self_intersection")


class ResponsibilityAreaField(AreaField):
    """GeoJSON polygons (WGS84) of an agency's area; the messages name that area."""

    widget = ResponsibilityAreaWidget
    MESSAGES = {
        "not_polygon": gettext_lazy("The area of responsibility must consist of polygons."),
        "out_of_range": gettext_lazy(
            "The coordinates must be longitude and latitude in WGS84 (EPSG:4326)."),
        "empty": gettext_lazy("The text contains no area (polygon)."),
    }

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as exc:
            if exc.code in SPECIFIC_CODES:
                raise
            message = self.MESSAGES.get(exc.code) or _(
                "The area of responsibility is not valid GeoJSON of polygons.")
            raise ValidationError(message, code=exc.code or "invalid") from exc


AREA_FILE_HELP = gettext_lazy(
    "Instead of drawing: a GeoJSON, GeoPackage, zipped Shapefile or KML file with the coordinate "
    "reference system declared. All polygons of its first layer together become the area and "
    "replace the drawn one."
)


class AgencyForm(forms.Form):
    authority = forms.ModelChoiceField(label=gettext_lazy("Authority"), queryset=None,
                                       help_text=gettext_lazy("Whose register the agency is in."))
    name = forms.CharField(label=_label("name"), max_length=300)
    emails = EmailListField(
        label=_label("emails"),
        help_text=gettext_lazy("One address per line; invitations and reminders go to all."),
    )
    topics = TopicListField(
        label=_label("topics"),
        help_text=gettext_lazy("The concerns (Belange) the agency stands for, one per line, "
                               "e.g. nature conservation, water, traffic."),
    )
    area = ResponsibilityAreaField(
        label=gettext_lazy("Area of responsibility as GeoJSON (longitude/latitude, WGS84)"),
        help_text=gettext_lazy(
            "Optional. Drawing on the map fills this field. Agencies whose area intersects a "
            "plan's Geltungsbereich are proposed for its §4 phases; agencies without an area "
            "are added by hand."
        ),
    )
    area_file = forms.FileField(label=gettext_lazy("Area of responsibility from a file"),
                                required=False, help_text=AREA_FILE_HELP)
    is_active = forms.BooleanField(
        label=_label("is_active"), required=False, initial=True,
        help_text=gettext_lazy("Inactive agencies are not proposed and their links stop working."),
    )

    def __init__(self, *args, authorities=None, agency: Agency | None = None, **kwargs):
        self.agency = agency
        super().__init__(*args, **kwargs)
        self.file_area = None
        if agency is None:
            self.fields["authority"].queryset = authorities
        else:
            del self.fields["authority"]

    def clean_area_file(self):
        upload = self.cleaned_data.get("area_file")
        if not upload:
            return None
        try:
            self.file_area = read_responsibility_area(upload)
        except InputError as exc:
            raise ValidationError(str(exc), code="unreadable_file") from exc
        return upload

    @property
    def area_changed(self) -> bool:
        return self.file_area is not None or "area" in self.changed_data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {"name": data["name"], "emails": data["emails"], "topics": data["topics"],
                  "is_active": data["is_active"]}
        if self.agency is None or self.area_changed:
            fields["responsibility_area"] = (self.file_area if self.file_area is not None
                                             else data.get("area"))
        return fields

    def keep_file_area(self) -> None:
        """After an error elsewhere, keep the area read from the file in the text field."""
        if self.file_area is None or "area" in self.errors:
            return
        self.data = self.data.copy()
        self.data[self.add_prefix("area")] = self.file_area.transform(4326, clone=True).geojson


class AgencyImportForm(forms.Form):
    authority = forms.ModelChoiceField(label=gettext_lazy("Authority"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "A header row with the columns “name” and “emails”, optionally “topics”; separated "
            "by semicolons or commas. Several addresses in one cell are separated by spaces; "
            "several topics by “|”."
        ),
    )

    def __init__(self, *args, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities


class AddAgencyForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=None)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies




class IdempotentForm(forms.Form):
    """A random key, rendered with the form: a repeated send returns the first receipt."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)


class AgencyStatementForm(IdempotentForm):
    text = forms.CharField(
        label=gettext_lazy("Your statement"), max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("Longer statements can be attached as a PDF."),
    )
    topics = forms.MultipleChoiceField(label=gettext_lazy("Topics"), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    location_text = forms.CharField(
        label=gettext_lazy("Place concerned (optional)"), max_length=500, required=False,
        help_text=gettext_lazy("An address, a parcel or a description of the place."),
    )
    attachments = MultipleFileField(
        label=gettext_lazy("Attachments (optional)"),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}),
    )

    def __init__(self, *args, topics: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Up to %(count)d files: PDF, JPEG, PNG or WebP, at most %(size)d MB each and %(total)d MB together."
        ) % {"count": MAX_FILES, "size": max_attachment_bytes() // (1024 * 1024),
             "total": max_attachments_total_bytes() // (1024 * 1024)}
        if topics:
            self.fields["topics"].choices = [(t, t) for t in topics]
        else:
            del self.fields["topics"]


class NoConcernsForm(IdempotentForm):
    remark = forms.CharField(
        label=gettext_lazy("Remark (optional)"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
