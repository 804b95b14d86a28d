"""Export jobs: every export (small or large) is made the same way, as a background task.

`create_export_job` validates the request, stores the job and queues `run_export_job`
(django-tasks, queue "default") once the row is committed. The runner writes the file to a
private temp dir, then to private storage under a generated name, and records progress
(statements done / total) on the job as it goes.
"""

import logging
import tempfile
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tasks import task

from portal.worker.outbox import enqueue_with_transaction

from ..models import ExportJob
from ..models.export_job import ExportFormat, ExportVariant
from .formats import write_export, writer
from .rows import ExportError, ExportScope

logger = logging.getLogger(__name__)
PENDING = (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING)


def download_name(job: ExportJob) -> str:
    """An ASCII file name for the download (never used as a storage path)."""
    plan = slugify(job.plan.number or job.plan.name)[:60] or "plan"
    phase = f"_phase-{job.phase_id}" if job.phase_id else ""
    variant = "intern" if job.variant == ExportVariant.INTERNAL else "oeffentlich"
    return f"Abwaegungstabelle_{plan}{phase}_{variant}{writer(job.format).SUFFIX}"


@transaction.atomic
def create_export_job(*, plan, user, fmt: str, variant: str, phase=None,
                      language: str | None = None) -> ExportJob:
    """Queue an export of the plan's weighing table (all phases, or one phase).

    An identical export of the same user that is still queued or running is returned instead
    of queueing a second one.
    """
    if fmt not in ExportFormat.values:
        raise ExportError(_("Unknown export format “%(format)s”.") % {"format": fmt})
    if variant not in ExportVariant.values:
        raise ExportError(_("Unknown export variant “%(variant)s”.") % {"variant": variant})
    ExportScope(authority=plan.authority, plan=plan, phase=phase).statements()  # checks phase
    pending = ExportJob.objects.filter(
        authority=plan.authority, plan=plan, phase=phase, format=fmt, variant=variant,
        requested_by=user if user is not None and user.is_authenticated else None,
        status__in=PENDING).first()
    if pending is not None:
        return pending
    job = ExportJob(authority=plan.authority, plan=plan, phase=phase, format=fmt,
                    variant=variant, language=language or translation.get_language() or "de",
                    requested_by=user if user is not None and user.is_authenticated else None)
    job.full_clean(exclude=["file"])
    job.save()
    enqueue_with_transaction(run_export_job, job.pk)  # with the job row, or not at all
    return job


def _record_progress(job_id: int):
    def progress(done: int, total: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(rows_done=done, rows_total=total)

    return progress


def _claim(job_id: int) -> ExportJob | None:
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ExportJob.Status.QUEUED:
            return None
        job.status = ExportJob.Status.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    return ExportJob.objects.select_related("authority", "plan", "phase").get(pk=job_id)


def _fail(job: ExportJob, message: str) -> None:
    job.status = ExportJob.Status.FAILED
    job.error = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def run_export(job_id: int) -> str:
    """Make the file of a queued job (queued -> running -> done/failed)."""
    job = _claim(job_id)
    if job is None:
        return "skipped"
    with translation.override(job.language):
        try:
            if job.plan.authority_id != job.authority_id:
                raise ExportError(_("The plan does not belong to this authority."))
            scope = ExportScope(authority=job.authority, plan=job.plan, phase=job.phase)
            suffix = writer(job.format).SUFFIX
            with tempfile.TemporaryDirectory(prefix="weighing-export-") as tmp:
                path = Path(tmp) / f"export{suffix}"
                result = write_export(scope=scope, fmt=job.format, variant=job.variant,
                                      path=path, progress=_record_progress(job.pk))
                job.refresh_from_db(fields=["rows_done", "rows_total"])
                with open(path, "rb") as handle:
                    job.file.save(f"export{suffix}", File(handle), save=False)
        except ExportError as exc:
            _fail(job, str(exc))
            return "failed"
        except Exception:
            logger.exception("Export job %s failed", job.pk)
            _fail(job, _("The export failed because of an internal error. Please try again; "
                         "if it fails again, tell the operators of the portal."))
            return "failed"
    job.status = ExportJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "file", "finished_at"])
    logger.info("Export job %s done: %s rows", job.pk, result.rows)
    return "done"


@task(queue_name="default")
def run_export_job(job_id: int) -> str:
    return run_export(job_id)
