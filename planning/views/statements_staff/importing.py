"""Import of statements from CSV/XLSX: upload, dry run with a report per row, then import.

The import step re-reads the same file (kept privately between the two steps) and runs the
whole validation again inside one transaction: any error stores nothing.
"""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ...statements import import_stash
from ...statements.import_files import (
    max_import_bytes,
    max_import_rows,
    read_table,
    read_table_bytes,
)
from ...statements.importing import COLUMNS, HEADERS, import_statements
from ...statements.staff_forms import ImportForm, PlanSelectForm
from .access import actor_plans, no_store, statement_phases
from .entry import _plan_for_entry

EXAMPLE_ROW = {
    "reference": "B-2026-014", "received": "01.10.2026", "channel": "letter",
    "name": "Erika Mustermann", "organisation": "", "street": "Bachweg 3", "postcode": "01234",
    "city": "Musterstadt", "email": "", "text": "Bitte den Uferstreifen am Mühlbach erhalten.",
    "topics": "", "location": "13.7372, 51.0504",
}


def _page(request, plan, form, *, report=None, token="", file_name="", error="", status=200):
    return no_store(render(request, "planning/statements/staff/import.html", {
        "plan": plan, "form": form, "report": report, "token": token, "file_name": file_name,
        "error": error,
        "columns": COLUMNS, "max_rows": max_import_rows(),
        "max_mb": max_import_bytes() // (1024 * 1024),
        "action": reverse("planning_statements_staff:import") + f"?plan={plan.uid}",
        "confirm_action": reverse("planning_statements_staff:import-confirm")
        + f"?plan={plan.uid}",
    }, status=status))


@login_required
def statement_import(request):
    plan = _plan_for_entry(request)
    if plan is None:
        form = PlanSelectForm(plans=actor_plans(request.user))
        return no_store(render(request, "planning/statements/staff/entry_plan.html", {
            "form": form, "has_plans": form.fields["plan"].queryset.exists(), "for_import": True}))
    form = ImportForm(request.POST or None, request.FILES or None, phases=statement_phases(plan))
    if request.method != "POST":
        return _page(request, plan, form)
    if not form.is_valid():
        return _page(request, plan, form, status=400)
    upload, phase = form.cleaned_data["file"], form.cleaned_data["phase"]
    try:
        table = read_table(upload)
    except ValidationError as exc:
        form.add_error("file", exc)
        return _page(request, plan, form, status=400)
    report = import_statements(plan=plan, phase=phase, table=table, user=request.user,
                               dry_run=True)
    token = ""
    if report.ok:
        upload.seek(0)
        token = import_stash.stash(data=upload.read(max_import_bytes() + 1),
                                   authority_id=plan.authority_id, user_id=request.user.pk,
                                   phase_id=phase.pk, file_name=upload.name or "")
    return _page(request, plan, form, report=report, token=token, file_name=upload.name or "",
                 status=200 if report.ok else 400)


@login_required
@require_POST
def statement_import_confirm(request):
    plan = _plan_for_entry(request)
    if plan is None:
        raise Http404
    phases = statement_phases(plan)
    form = ImportForm(phases=phases)
    stashed = import_stash.unstash(request.POST.get("token", ""), user_id=request.user.pk)
    phase = phases.filter(pk=stashed["p"]).first() if stashed else None
    if stashed is None or phase is None or stashed["a"] != plan.authority_id:
        return _page(request, plan, form, status=400,
                     error=_("The checked file has expired. Please upload it again."))
    # The stashed file is used once: imported, or refused and deleted (a refused file is not
    # kept on the server; the page asks for a corrected upload).
    not_kept = _("The file was not kept; please correct it and upload it again.")
    try:
        table = read_table_bytes(stashed["data"])
    except ValidationError as exc:
        import_stash.drop(stashed["path"])
        return _page(request, plan, form, status=400,
                     error=" ".join([*exc.messages, not_kept]))
    report = import_statements(plan=plan, phase=phase, table=table, user=request.user,
                               dry_run=False)
    import_stash.drop(stashed["path"])
    if not report.stored:
        return _page(request, plan, form, report=report, file_name=stashed["n"], status=400,
                     error=not_kept)
    messages.success(request, _("%(created)d statements were imported; %(skipped)d rows had been imported before and were skipped.")
                     % {"created": len(report.created), "skipped": len(report.skipped)})
    return redirect(reverse("planning_statements_staff:list") + "?"
                    + urlencode({"plan": plan.uid, "phase": phase.pk}))


@login_required
@require_GET
def import_template(request):
    """A CSV file with the column headings and one example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerow([EXAMPLE_ROW[key] for key in HEADERS])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stellungnahmen-vorlage.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
