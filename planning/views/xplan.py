"""XPlanGML upload for staff (/staff/xplan/), the import job page, and XPlanGML downloads.

Uploading needs the planner or admin role of the chosen authority (planning.add_plan); an
authority the user does not work for answers 404, one where the role is read-only 403. The
request only stores the file and queues the import (planning/xplan_import/jobs.py). Jobs are
visible to all staff of their authority. Downloads: the public plan page offers published plans;
staff may download the plans of their authorities, published or not.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from gis.errors import InputError
from portal.models import Authority
from portal.tenancy import scoped_to_staff

from .. import selectors
from ..codelists import LegalStatus
from ..models import Plan, XPlanImportJob
from ..xplan_import import export_plan_archive, export_plan_gml
from ..xplan_import.export import export_file_name
from ..xplan_import.export_validation import validate_export
from ..xplan_import.jobs import create_import_job, max_upload_bytes
from ..xplanung.schema_validation import SCHEMA_ERROR
from .staff.access import editable_authorities, plan_for_staff
from .staff.feedback import add_service_error

RECENT_JOBS = 20
FORMATS = {
    "gml": ("application/gml+xml", ".gml"),
    "zip": ("application/zip", ".zip"),
}


class XPlanUploadForm(forms.Form):
    authority = forms.ModelChoiceField(
        label=gettext_lazy("Authority"), queryset=Authority.objects.none(),
        help_text=gettext_lazy("The plans are created for this authority."),
    )
    file = forms.FileField(
        label=gettext_lazy("XPlanGML file or XPlanArchiv"),
        help_text=gettext_lazy("XPlanGML 4.0 to 6.0 as .gml or .xml, or an XPlanArchiv (.zip "
                               "with xplan.gml, scans with world files and documents)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".gml,.xml,.zip"}),
    )
    accept_schema_errors = forms.BooleanField(
        label=gettext_lazy("Import despite schema errors"), required=False,
        help_text=gettext_lazy("An XPlanGML 6.0 file is checked against the official XPlanung "
                               "schema. Without this option a file with schema errors is "
                               "refused; with it, the errors are listed as warnings."),
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        if len(authorities) == 1:
            self.fields["authority"].initial = authorities[0].pk


def _upload_authority(user, value) -> Authority | None:
    """The authority chosen in the form: 404 if foreign, 403 without an editing role."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    authority = get_object_or_404(Authority.objects.for_staff(user).filter(is_active=True), pk=pk)
    if not user.has_perm("planning.add_plan", authority):
        raise PermissionDenied
    return authority


def _staff_jobs(user):
    return scoped_to_staff(XPlanImportJob.objects.select_related("authority", "created_by"), user)


@login_required
def upload(request):
    authorities = list(editable_authorities(request.user))
    if not authorities:
        raise PermissionDenied
    if request.method == "POST":
        _upload_authority(request.user, request.POST.get("authority"))
        form = XPlanUploadForm(request.POST, request.FILES, authorities=Authority.objects.filter(
            pk__in=[a.pk for a in authorities]))
        if form.is_valid():
            try:
                job = create_import_job(
                    authority=form.cleaned_data["authority"], user=request.user,
                    upload=form.cleaned_data["file"],
                    accept_schema_errors=form.cleaned_data["accept_schema_errors"])
            except InputError as exc:
                add_service_error(form, exc, default_field="file")
            else:
                messages.success(request, _(
                    "The file “%(name)s” was uploaded; the import runs in the background."
                ) % {"name": job.source_name})
                return redirect("xplan:job", job_uid=job.uid)
        status = 400
    else:
        initial = {}
        if request.GET.get("authority", "").isdigit():
            initial["authority"] = int(request.GET["authority"])
        form = XPlanUploadForm(initial=initial, authorities=Authority.objects.filter(
            pk__in=[a.pk for a in authorities]))
        status = 200
    return render(request, "planning/xplan/upload.html", {
        "form": form,
        "failed_forms": [form] if form.is_bound and form.errors else [],
        "jobs": _staff_jobs(request.user)[:RECENT_JOBS],
        "max_mb": max_upload_bytes() // (1024 * 1024),
    }, status=status)


def _job_details(job: XPlanImportJob) -> str:
    if job.status == XPlanImportJob.Status.QUEUED:
        return _("Waiting for processing.")
    if job.status == XPlanImportJob.Status.RUNNING:
        return _("Being imported.")
    errors, warnings = len(job.report.get("errors", [])), len(job.report.get("warnings", []))
    warnings_text = ngettext("%(count)d warning", "%(count)d warnings", warnings) % {
        "count": warnings}
    if job.status == XPlanImportJob.Status.FAILED:
        return _("Refused: %(errors)s, %(warnings)s. Nothing was imported.") % {
            "errors": ngettext("%(count)d error", "%(count)d errors", errors) % {"count": errors},
            "warnings": warnings_text}
    plans = len(job.plan_ids)
    return _("Imported: %(plans)s, %(warnings)s.") % {
        "plans": ngettext("%(count)d plan", "%(count)d plans", plans) % {"count": plans},
        "warnings": warnings_text}


def _legal_status_label(code: str | None) -> str:
    if code in LegalStatus.values:
        return f"{code} – {LegalStatus(code).label}"
    return code or "–"


@login_required
def job_detail(request, job_uid):
    job = get_object_or_404(_staff_jobs(request.user), uid=job_uid)
    plans = list(Plan.objects.filter(pk__in=job.plan_ids, authority=job.authority)
                 .select_related("authority").order_by("pk"))
    report = dict(job.report)
    report["plans"] = [
        facts | {"legal_status_label": _legal_status_label(facts.get("legal_status"))}
        for facts in job.report.get("plans", [])
    ]
    schema_refused = any(e.get("code") == SCHEMA_ERROR for e in report.get("errors", []))
    return render(request, "planning/xplan/job.html", {
        "job": job,
        "schema_refused": schema_refused,
        "details": _job_details(job),
        "plans": plans,
        "report": report,
        "can_upload": request.user.has_perm("planning.add_plan", job.authority),
    })


@login_required
@require_GET
def job_status(request, job_uid):
    """The job's status in the shape planning/js/layer_status.js reads."""
    job = get_object_or_404(_staff_jobs(request.user), uid=job_uid)
    final = job.is_finished
    response = JsonResponse({
        "layers": [{
            "uid": str(job.uid), "name": job.source_name, "status": job.status,
            "label": job.get_status_display(), "details": _job_details(job), "final": final,
        }],
        "final": final,
    })
    response["Cache-Control"] = "private, no-store"
    return response


def _download(plan: Plan, fmt: str, *, public_only: bool) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    content_type, suffix = FORMATS[fmt]
    export = export_plan_archive if fmt == "zip" else export_plan_gml
    response = HttpResponse(export(plan, public_only=public_only), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{export_file_name(plan, suffix)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def staff_export(request, plan_uid, fmt):
    plan = plan_for_staff(request.user, plan_uid)
    response = _download(plan, fmt, public_only=False)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def staff_export_check(request, plan_uid):
    """The plan's XPlanGML 6.0 export checked against the official schema before download:
    the validation result, what could not be carried to 6.0, and the download links."""
    plan = plan_for_staff(request.user, plan_uid)
    messages_ = []
    validation = validate_export(export_plan_gml(plan, messages=messages_))
    response = render(request, "planning/xplan/export_check.html", {
        "plan": plan,
        "validation": validation,
        "export_messages": [m.as_dict() for m in messages_],
    })
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def public_export(request, authority_slug, plan_uid, fmt):
    try:
        plan = selectors.plan_for_public(authority_slug=authority_slug, uid=plan_uid)
    except Plan.DoesNotExist as exc:
        raise Http404 from exc
    return _download(plan, fmt, public_only=True)
