"""Uploads of XPlanGML by staff: store the file, create the job, queue the import.

The request does nothing else (DESIGN.md: untrusted files are parsed in a background task,
never in the request): the upload is checked by name, size and first bytes, stored under a
generated name in private storage, and planning.tasks.run_xplan_import is queued once the job
row is committed.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from gis.errors import InputError
from portal.models import Authority
from portal.worker.outbox import enqueue_with_transaction

from ..models import XPlanImportJob

ACCEPTED_SUFFIXES = (".gml", ".xml", ".zip")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def max_upload_bytes() -> int:
    return getattr(settings, "PORTAL_MAX_XPLAN_UPLOAD_BYTES", 200 * 1024 * 1024)


def check_upload(upload: UploadedFile) -> None:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise InputError(_(
            "“%(name)s” is not an XPlanGML file; upload a .gml or .xml file or an XPlanArchiv "
            "(.zip)."
        ) % {"name": upload.name})
    if not upload.size:
        raise InputError(_("The file is empty."))
    if upload.size > max_upload_bytes():
        raise InputError(_("The file is %(size)s large; at most %(max)s are accepted.") % {
            "size": filesizeformat(upload.size), "max": filesizeformat(max_upload_bytes())})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".zip" and not head.startswith(_ZIP_MAGIC):
        raise InputError(_("The file “%(name)s” is not a zip archive (its content does not "
                           "match its name).") % {"name": upload.name})
    if suffix != ".zip" and not head.lstrip(b" \t\r\n").startswith(_XML_STARTS):
        raise InputError(_("The file “%(name)s” is not XML (its content does not match its "
                           "name).") % {"name": upload.name})


def _queue(job_id: int) -> None:
    from ..tasks import run_xplan_import

    enqueue_with_transaction(run_xplan_import, job_id)  # with the job row, or not at all


@transaction.atomic
def create_import_job(*, authority: Authority, user, upload: UploadedFile,
                      accept_schema_errors: bool = False) -> XPlanImportJob:
    check_upload(upload)
    job = XPlanImportJob(authority=authority, created_by=user, source_name=upload.name[:255],
                         size=upload.size, accept_schema_errors=accept_schema_errors)
    job.full_clean(exclude=["upload"])
    job.upload.save("upload", upload, save=False)
    try:
        job.save()
    except Exception:
        job.upload.delete(save=False)  # nothing half-written stays behind
        raise
    _queue(job.pk)
    return job
