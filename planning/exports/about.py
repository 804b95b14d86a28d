"""The facts every export states about itself: plan, phase, variant, date, size."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models.export_job import ExportVariant
from .rows import ExportScope


def title(scope: ExportScope) -> str:
    return _("Weighing table (Abwägungstabelle): %(plan)s") % {"plan": str(scope.plan)}


def phase_label(scope: ExportScope) -> str:
    return scope.phase.display_title if scope.phase is not None else _("all phases")


def variant_note(variant: str) -> str:
    if variant == ExportVariant.INTERNAL:
        return _("Internal: contains personal data of the submitters. Do not publish.")
    return _("Public: names and addresses of the submitters are removed; submitters are "
             "replaced by numbers.")


def about_rows(scope: ExportScope, *, variant: str, rows: int) -> list[tuple[str, str]]:
    created = formats.date_format(timezone.localtime(), "DATETIME_FORMAT")
    return [
        (_("Authority"), scope.authority.name),
        (_("Plan"), str(scope.plan)),
        (_("Phase"), phase_label(scope)),
        (_("Variant"), variant_note(variant)),
        (_("Created"), created),
        (_("Rows"), str(rows)),
    ]
