"""Background tasks of the planning app (django-tasks; database queue by default)."""

import logging
import shutil
import tempfile
from pathlib import Path, PurePath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from gis.errors import InputError, without_paths

from .models import XPlanImportJob
from .xplanung import build_failure_report

logger = logging.getLogger(__name__)


def _without_paths(value):
    """The report with every message free of server paths (the worker's temp directory)."""
    if isinstance(value, dict):
        return {key: without_paths(item) if key == "message" and isinstance(item, str)
                else _without_paths(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_paths(item) for item in value]
    return value


def _finish(job: XPlanImportJob, report: dict) -> None:
    """Record the report; the uploaded file is deleted either way (a failed job stays as a
    visible error record without its file)."""
    job.report = _without_paths(report)
    job.status = XPlanImportJob.Status.FAILED if report["errors"] else XPlanImportJob.Status.DONE
    job.finished_at = timezone.now()
    stored = job.upload.name if job.upload else ""
    job.upload = ""
    job.save(update_fields=["report", "status", "finished_at", "upload"])
    if stored:  # the plans keep their own copy; a refused file is not kept at all
        job.upload.storage.delete(stored)


@task(queue_name="ingest")
def run_xplan_import(job_id: int) -> str:
    """Import the upload of an XPlanImportJob (queued -> running -> done/failed)."""
    from .xplan_import import import_xplan

    with transaction.atomic():
        job = XPlanImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != XPlanImportJob.Status.QUEUED:
            return "skipped"
        job.status = XPlanImportJob.Status.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    suffix = PurePath(job.source_name).suffix.lower()
    try:
        with tempfile.TemporaryDirectory(prefix="xplan-job-") as tmp:
            path = Path(tmp) / f"upload{suffix}"  # a generated name, never the user's
            with job.upload.open("rb") as source, open(path, "wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
            report = import_xplan(path, authority=job.authority, user=job.created_by,
                                  source_name=job.source_name, job=job,
                                  accept_schema_errors=job.accept_schema_errors)
    except Exception:  # any crash must end as a visible failed job, never as "running"
        logger.exception("XPlanGML import job %s failed", job.pk)
        report = build_failure_report(job.source_name, InputError(
            _("The file could not be imported because of an internal error. Please try again "
              "later or contact the operator.")))
        report["errors"][0]["code"] = "internal_error"
    _finish(job, report)
    return job.status
