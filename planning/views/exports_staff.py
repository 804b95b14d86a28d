"""Staff pages for exports of the weighing table, mounted at /staff/abwaegung/export/.

All staff roles of the plan's authority may export (planning.view_weighing): they read the
statements with their personal data anyway. Another authority's plan, job or file answers 404.
Every export is a background job (planning/exports/jobs.py); the job page shows its progress
and, when done, the download. Files are served as attachments with nosniff, never cached.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from portal.access_log import opened
from portal.models import Phase
from portal.tenancy import scoped_to_staff

from ..exports.formats import writer
from ..exports.jobs import create_export_job, download_name
from ..exports.rows import ExportError
from ..models import ExportJob, Plan
from ..models.export_job import ExportFormat, ExportVariant
from .staff.access import plan_for_staff, require

RECENT_JOBS = 20
NO_STORE = "private, no-store"


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=ExportFormat.choices,
                               initial=ExportFormat.PDF)
    variant = forms.ChoiceField(
        label=gettext_lazy("Variant"), choices=ExportVariant.choices,
        initial=ExportVariant.PUBLIC,
        help_text=gettext_lazy("The public variant contains no names, addresses or e-mail "
                               "addresses; submitters are replaced by numbers."))
    phase = forms.ModelChoiceField(label=gettext_lazy("Phase"), queryset=Phase.objects.none(),
                                   required=False, empty_label=gettext_lazy("All phases"))

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        phases = Phase.objects.none()
        if plan.procedure_id:
            phases = Phase.objects.filter(procedure_id=plan.procedure_id).order_by(
                "start_date", "pk")
        self.fields["phase"].queryset = phases


def _plan(user, plan_uid) -> Plan:
    plan = plan_for_staff(user, plan_uid)  # 404 for another authority's plan
    require(user, "planning.view_weighing", plan)
    return plan


def _staff_jobs(user):
    jobs = ExportJob.objects.select_related("plan", "phase", "authority", "requested_by")
    return scoped_to_staff(jobs, user)


def _job(user, job_uid) -> ExportJob:
    job = get_object_or_404(_staff_jobs(user), uid=job_uid)
    if job.plan.authority_id != job.authority_id:
        raise Http404
    require(user, "planning.view_weighing", job.plan)
    return job


def job_details(job: ExportJob) -> str:
    if job.status == ExportJob.Status.QUEUED:
        return _("Waiting to start.")
    if job.status == ExportJob.Status.RUNNING:
        return _("%(done)d of %(total)d statements processed.") % {
            "done": job.rows_done, "total": job.rows_total}
    if job.status == ExportJob.Status.FAILED:
        return job.error or _("The export failed.")
    return _("Done: %(total)d statements.") % {"total": job.rows_total}


def _no_store(response):
    response["Cache-Control"] = NO_STORE
    return response


@login_required
def export_request(request, plan_uid):
    plan = _plan(request.user, plan_uid)
    form = ExportForm(request.POST if request.method == "POST" else None, plan=plan)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = create_export_job(
                    plan=plan, user=request.user, fmt=form.cleaned_data["format"],
                    variant=form.cleaned_data["variant"], phase=form.cleaned_data["phase"],
                    language=getattr(request, "LANGUAGE_CODE", None))
            except ExportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The export was queued; it is made in the "
                                            "background."))
                return redirect("weighing_export:job", job_uid=job.uid)
        status = 400
    jobs = ExportJob.objects.filter(plan=plan, authority_id=plan.authority_id).select_related(
        "phase", "requested_by")[:RECENT_JOBS]
    return _no_store(render(request, "planning/exports/request.html", {
        "plan": plan, "form": form, "jobs": jobs,
        "failed_forms": [form] if form.is_bound and form.errors else [],
    }, status=status))


@login_required
@require_GET
def job_detail(request, job_uid):
    job = _job(request.user, job_uid)
    return _no_store(render(request, "planning/exports/job.html", {
        "job": job, "plan": job.plan, "details": job_details(job),
    }))


@login_required
@require_GET
def job_status(request, job_uid):
    """The job's status in the shape planning/js/layer_status.js reads."""
    job = _job(request.user, job_uid)
    return _no_store(JsonResponse({
        "layers": [{
            "uid": str(job.uid), "name": job.get_format_display(), "status": job.status,
            "label": job.get_status_display(), "details": job_details(job),
            "final": job.is_finished, "done": job.rows_done, "total": job.rows_total,
        }],
        "final": job.is_finished,
    }))


@login_required
@require_GET
def download(request, job_uid):
    job = _job(request.user, job_uid)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    if job.variant == ExportVariant.INTERNAL:
        opened(request, authority=job.authority, what="export", reference=download_name(job))
    response = FileResponse(handle, as_attachment=True, filename=download_name(job),
                            content_type=writer(job.format).CONTENT_TYPE)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return _no_store(response)
