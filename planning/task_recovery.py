"""How the planning tasks are recovered when their worker died (portal.worker.policies).

The mail tasks run again: each claims its e-mail (receipt_sent_at, token_hash, reminded_at,
ResultNotification.sent_at) with a conditional UPDATE before sending, so a second run never
sends twice. Imports and exports are not repeated (the file may be what stopped the worker):
their job is marked failed with a message the staff see.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.errors import InputError
from portal.worker import policies

from .models import ExportJob, XPlanImportJob


def mark_import_interrupted(job_id: int) -> None:
    from .tasks import _finish
    from .xplanung import build_failure_report

    job = XPlanImportJob.objects.filter(
        pk=job_id, status__in=(XPlanImportJob.Status.QUEUED, XPlanImportJob.Status.RUNNING)
    ).first()
    if job is None:
        return
    report = build_failure_report(job.source_name, InputError(_(
        "The import was interrupted because the background worker stopped. Please upload the "
        "file again.")))
    report["errors"][0]["code"] = "interrupted"
    _finish(job, report)


def mark_export_interrupted(job_id: int) -> None:
    ExportJob.objects.filter(Q(status=ExportJob.Status.QUEUED) | Q(status=ExportJob.Status.RUNNING),
                             pk=job_id).update(
        status=ExportJob.Status.FAILED, finished_at=timezone.now(),
        error=_("The export was interrupted because the background worker stopped. Please "
                "request it again."))


def register() -> None:
    from .agencies.tasks import deliver_invitation_task, send_agency_reminders_task
    from .exports.jobs import run_export_job
    from .results.tasks import send_result_emails
    from .statements.tasks import send_receipt
    from .tasks import run_xplan_import

    for task in (send_receipt, deliver_invitation_task, send_agency_reminders_task,
                 send_result_emails):
        policies.register(task, retry=True)
    policies.register(run_xplan_import, on_abandoned=mark_import_interrupted)
    policies.register(run_export_job, on_abandoned=mark_export_interrupted)
