"""Scheduling and editing a participation phase of a plan's procedure.

The timing rules live in the procedure engine (planning/procedures.py): errors stop saving,
warnings must be acknowledged. This form only offers the phase kinds the procedure allows.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Phase
from portal.procedures import registry

PHASE_FORM_FIELDS = ("kind", "title", "start_date", "end_date", "announcement_date",
                     "announcement_text", "late_statements_warned", "accepts_late_statements",
                     "timing_warnings_acknowledged")


def _label(name: str):
    return Phase._meta.get_field(name).verbose_name


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=_label("kind"))
    title = forms.CharField(
        label=_label("title"), max_length=300, required=False,
        help_text=gettext_lazy("Optional; the name of the kind is shown otherwise."),
    )
    start_date = forms.DateField(label=_label("start_date"), widget=_date_widget())
    end_date = forms.DateField(
        label=_label("end_date"), widget=_date_widget(),
        help_text=gettext_lazy("Statements are accepted until 23:59 (German time) on this day."),
    )
    announcement_date = forms.DateField(label=_label("announcement_date"), required=False,
                                        widget=_date_widget())
    announcement_text = forms.CharField(label=_label("announcement_text"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 4}))
    late_statements_warned = forms.BooleanField(label=_label("late_statements_warned"),
                                                required=False, initial=True)
    accepts_late_statements = forms.BooleanField(label=_label("accepts_late_statements"),
                                                 required=False)
    timing_warnings_acknowledged = forms.BooleanField(
        label=gettext_lazy("I have checked the period and want to save it despite the warning."),
        required=False,
    )

    def __init__(self, *args, procedure_kind: registry.ProcedureKind, phase: Phase | None = None,
                 **kwargs):
        self.phase = phase
        if phase is not None:
            kwargs.setdefault("initial", {name: getattr(phase, name) for name in PHASE_FORM_FIELDS})
        super().__init__(*args, **kwargs)
        choices = []
        for code in procedure_kind.phase_kinds:
            definition = registry.phase_kind(code)
            choices.append((code, str(definition.name) if definition else code))
        self.fields["kind"].choices = choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day must not be before the first day."))
        announced = cleaned.get("announcement_date")
        if start and announced and announced >= start:
            self.add_error("announcement_date", _(
                "The period must be announced before it starts: choose a date before the first "
                "day."
            ))
        return cleaned

    @property
    def show_acknowledgement(self) -> bool:
        """The acknowledgement is offered only once the engine has reported a warning."""
        if "timing_warnings_acknowledged" in self.errors:
            return True
        if self.is_bound:
            return bool(self["timing_warnings_acknowledged"].value())
        return bool(self.phase and self.phase.timing_warnings_acknowledged)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PHASE_FORM_FIELDS} | {
            "title": self.cleaned_data.get("title") or "",
            "announcement_text": self.cleaned_data.get("announcement_text") or "",
        }
