"""Creating and editing a plan: facts, planArt codes, key dates, procedure, Geltungsbereich."""

from django import forms
from django.contrib.gis.geos import MultiPolygon
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.errors import InputError
from portal import keys
from portal.models import Authority
from portal.procedures import registry

from ..codelists import LegalStatus, PlanClass, plan_art_choices
from ..models import Plan
from .area import AREA_FILE_HELP, AreaField, read_area_file

#: The module whose procedure kinds a plan may be created with.
PLAN_PROCEDURE_MODULE = "bauleitplanung"
DATE_FIELDS = ("decision_to_prepare_date", "council_decision_date", "publication_date",
               "entry_into_force_date")
#: Fields passed to the plan services as they are.
FACT_FIELDS = ("name", "number", "description", "plan_class", "plan_art", "legal_status", "ags",
               "municipality_name", *DATE_FIELDS)


def _label(name: str):
    return Plan._meta.get_field(name).verbose_name


def _date_field(name: str) -> forms.DateField:
    return forms.DateField(label=_label(name), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def procedure_kind_choices() -> list[tuple[str, str]]:
    kinds = [(k.code, str(k.name)) for k in registry.procedure_kinds()
             if k.module == PLAN_PROCEDURE_MODULE]
    return [*kinds, ("", _("No participation procedure (e.g. a plan already in force)"))]


class PlanForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=gettext_lazy("Authority"), queryset=Authority.objects.none(),
        help_text=gettext_lazy("The authority responsible for the plan; it cannot be changed later."),
    )
    name = forms.CharField(label=_label("name"), max_length=300)
    number = forms.CharField(label=_label("number"), max_length=100, required=False)
    description = forms.CharField(label=_label("description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    plan_class = forms.ChoiceField(label=_label("plan_class"), choices=PlanClass.choices,
                                   initial=PlanClass.BP)
    plan_art_bp = forms.MultipleChoiceField(
        label=gettext_lazy("Type of a Bebauungsplan (planArt)"), required=False,
        choices=plan_art_choices(PlanClass.BP),
        widget=forms.CheckboxSelectMultiple,
    )
    plan_art_fp = forms.MultipleChoiceField(
        label=gettext_lazy("Type of a Flächennutzungsplan (planArt)"), required=False,
        choices=plan_art_choices(PlanClass.FP),
        widget=forms.CheckboxSelectMultiple,
    )
    legal_status = forms.ChoiceField(
        label=_label("legal_status"), required=False,
        choices=[("", gettext_lazy("not stated")), *LegalStatus.choices],
    )
    ags = forms.CharField(
        label=_label("ags"), max_length=8, required=False, validators=[keys.validate_ags],
        help_text=gettext_lazy("8 digits; the authority's AGS is used when left empty."),
    )
    municipality_name = forms.CharField(label=_label("municipality_name"), max_length=200,
                                        required=False)
    decision_to_prepare_date = _date_field("decision_to_prepare_date")
    council_decision_date = _date_field("council_decision_date")
    publication_date = _date_field("publication_date")
    entry_into_force_date = _date_field("entry_into_force_date")
    procedure_kind = forms.ChoiceField(
        label=gettext_lazy("Participation procedure"), required=False,
        help_text=gettext_lazy("Decides which participation phases the plan can have."),
    )
    area = AreaField(
        label=gettext_lazy("Geltungsbereich as GeoJSON (longitude/latitude, WGS84)"),
        help_text=gettext_lazy(
            "Drawing on the map fills this field. You can also paste a GeoJSON Polygon or "
            "MultiPolygon here. Empty it to remove the Geltungsbereich."
        ),
    )
    area_file = forms.FileField(label=gettext_lazy("Geltungsbereich from a file"),
                                required=False, help_text=AREA_FILE_HELP)

    def __init__(self, *args, authorities=None, plan: Plan | None = None, **kwargs):
        self.plan = plan
        initial = kwargs.pop("initial", None) or {}
        if plan is not None:
            initial = {**_initial_from_plan(plan), **initial}
        super().__init__(*args, initial=initial, **kwargs)
        self.file_area: MultiPolygon | None = None
        if plan is None:
            self.fields["authority"].queryset = authorities
            self.fields["procedure_kind"].choices = procedure_kind_choices()
            self.fields["procedure_kind"].initial = "baugb_regular"
        else:
            del self.fields["authority"]
            del self.fields["procedure_kind"]

    def clean_area_file(self):
        upload = self.cleaned_data.get("area_file")
        if not upload:
            return None
        try:
            self.file_area = read_area_file(upload)
        except InputError as exc:
            raise forms.ValidationError(str(exc), code="unreadable_file") from exc
        return upload

    def clean(self):
        cleaned = super().clean()
        plan_class = cleaned.get("plan_class")
        by_class = {PlanClass.BP: "plan_art_bp", PlanClass.FP: "plan_art_fp"}
        chosen = by_class.get(plan_class)
        for field in ("plan_art_bp", "plan_art_fp"):
            if field != chosen and cleaned.get(field):
                self.add_error(field, _(
                    "These codes do not apply to the chosen plan class “%(plan_class)s”."
                ) % {"plan_class": PlanClass(plan_class).label if plan_class else "?"})
        cleaned["plan_art"] = list(cleaned.get(chosen) or []) if chosen else []
        if (self.plan is not None and self.plan.is_published and self.area_changed
                and self.new_area is None and "area" not in self.errors):
            self.add_error("area", _(
                "A published plan needs its Geltungsbereich. Withdraw the publication first if "
                "you want to remove it."
            ))
        return cleaned

    @property
    def area_changed(self) -> bool:
        return self.file_area is not None or "area" in self.changed_data

    @property
    def new_area(self):
        """The Geltungsbereich to save: from the file if one was given, else the drawn one."""
        if self.file_area is not None:
            return self.file_area
        return self.cleaned_data.get("area")

    def service_fields(self) -> dict:
        """Keyword arguments for create_plan/update_plan."""
        fields = {name: self.cleaned_data.get(name) for name in FACT_FIELDS}
        for name in ("number", "description", "legal_status", "ags", "municipality_name"):
            fields[name] = fields[name] or ""
        if self.plan is None or self.area_changed:
            fields["area"] = self.new_area
        return fields

    def keep_file_area(self) -> None:
        """After an error elsewhere, show the area read from the file in the text field, so the
        file need not be uploaded again."""
        if self.file_area is None or "area" in self.errors:
            return
        self.data = self.data.copy()
        self.data[self.add_prefix("area")] = self.file_area.transform(4326, clone=True).geojson


def _initial_from_plan(plan: Plan) -> dict:
    """The plan's facts as initial values (the view adds the area as GeoJSON in WGS84)."""
    initial = {name: getattr(plan, name) for name in FACT_FIELDS if name != "plan_art"}
    initial["plan_art_bp"] = plan.plan_art if plan.plan_class == PlanClass.BP else []
    initial["plan_art_fp"] = plan.plan_art if plan.plan_class == PlanClass.FP else []
    return initial
