"""The public reporting form (no account) and the staff status form."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Datatype, Status
from .photos import MAX_PHOTOS


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input -> a list of uploads (checked later by photos.py)."""

    widget = MultiplePhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, (list, tuple)) else [data]
        files = [super(PhotosField, self).clean(item, initial) for item in items if item]
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("At most %(max)d photos are accepted."),
                                        params={"max": MAX_PHOTOS})
        return files


def question_field_name(question) -> str:
    return f"q_{question.category_id}_{question.code}"


def _question_field(question) -> forms.Field:
    common = {"label": question.label, "help_text": question.description, "required": False}
    if question.datatype == Datatype.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                               **common)
    if question.datatype == Datatype.NUMBER:
        return forms.CharField(max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                               **common)
    if question.datatype == Datatype.DATETIME:
        return forms.CharField(max_length=40, widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}), **common)
    if question.datatype == Datatype.SINGLEVALUELIST:
        return forms.ChoiceField(choices=[("", "–"), *question.choices()], **common)
    if question.datatype == Datatype.MULTIVALUELIST:
        return forms.MultipleChoiceField(choices=question.choices(),
                                         widget=forms.CheckboxSelectMultiple, **common)
    return forms.CharField(max_length=200, **common)


class ReportForm(forms.Form):
    category = forms.ModelChoiceField(queryset=None, label=_("What is the problem?"),
                                      empty_label=_("– please choose –"))
    latitude = forms.CharField(label=_("Latitude (WGS84, e.g. 51.0504)"), max_length=40,
                               required=False,
                               widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    longitude = forms.CharField(label=_("Longitude (WGS84, e.g. 13.7373)"), max_length=40,
                                required=False,
                                widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    address = forms.CharField(label=_("Address or description of the place"), max_length=300,
                              required=False)
    description = forms.CharField(label=_("Description"), max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    photos = PhotosField(label=_("Photos (up to 5, JPEG, PNG or WebP)"),
                         widget=MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail for feedback (optional)"), required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=50, required=False)
    privacy = forms.BooleanField(label=_("I have read the data-protection notice."))
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    confirm_new = forms.BooleanField(
        label=_("None of these: send my report as a new one."), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        self.fields["category"].queryset = categories
        self.question_groups = []
        for category in self.categories:
            names = []
            for question in category.questions.all():
                name = question_field_name(question)
                self.fields[name] = _question_field(question)
                names.append(name)
            if names:
                self.question_groups.append((category, names))

    def answers(self) -> dict:
        category = self.cleaned_data["category"]
        return {q.code: self.cleaned_data.get(question_field_name(q))
                for q in category.questions.all()}

    def grouped_questions(self):
        return [(category, [self[name] for name in names])
                for category, names in self.question_groups]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    template = forms.ModelChoiceField(
        label=_("Response template"), queryset=None, required=False, empty_label=_("none"),
        help_text=_("Used as the public answer when the answer below is left empty."))
    public_answer = forms.CharField(label=_("Public answer (sent to the reporter)"),
                                    widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                                    required=False)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        if not templates.exists():
            del self.fields["template"]

    def answer(self) -> str:
        answer = self.cleaned_data["public_answer"].strip()
        template = self.cleaned_data.get("template")
        return answer or (template.text if template else "")


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("all")), *Status.choices])
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, required=False,
                                      empty_label=_("all"))
    older_than = forms.IntegerField(label=_("Received more than … days ago"), required=False,
                                    min_value=0, max_value=3650)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class ForwardForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Forward to (authority and category)"),
                                      queryset=None, empty_label=_("– please choose –"))
    note = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=2000, required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = lambda c: f"{c.authority.name}: {c.name}"


class MergeForm(forms.Form):
    reference = forms.CharField(label=_("Reference number of the report to keep"), max_length=40)
    note = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=2000, required=False)


class ApiKeyForm(forms.Form):
    authority = forms.TypedChoiceField(label=_("Authority"), coerce=int)
    client_name = forms.CharField(label=_("Client (name of the app or service)"), max_length=120)

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.authorities = {a.pk: a for a in authorities}
        self.fields["authority"].choices = [(a.pk, a.name) for a in authorities]

    def clean_authority(self):
        return self.authorities[self.cleaned_data["authority"]]

    def clean_client_name(self):
        name = " ".join(self.cleaned_data["client_name"].split())
        if not name:
            raise forms.ValidationError(_("Please name the client."))
        return name


class AssignForm(forms.Form):
    assigned_to = forms.TypedChoiceField(label=_("Assigned to"), coerce=int, required=False,
                                         empty_value=None)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {u.pk: u for u in users}
        self.fields["assigned_to"].choices = [("", _("nobody")), *[
            (u.pk, u.get_full_name() or u.get_username()) for u in users]]

    def clean_assigned_to(self):
        value = self.cleaned_data["assigned_to"]
        return self.users.get(value) if value is not None else None
