"""Plan documents: stored with checksum and size; type checked by content, not by name."""

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Plan, PlanDocument

#: Accepted documents: suffix -> (magic prefix, content type).
DOCUMENT_TYPES = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    ".jpg": (b"\xff\xd8\xff", "image/jpeg"),
    ".jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    ".gml": (None, "application/gml+xml"),
    ".xml": (None, "application/xml"),
    ".zip": (b"PK\x03\x04", "application/zip"),
}


def max_document_bytes() -> int:
    return getattr(settings, "PORTAL_MAX_DOCUMENT_BYTES", 100 * 1024 * 1024)


def _check_content(upload: UploadedFile) -> str:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Documents of type “%(suffix)s” are not accepted; use PDF, PNG, JPEG, GML or ZIP.")
            % {"suffix": suffix or "?"}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > max_document_bytes():
        raise ValidationError(
            _("The file is %(size)d MB; at most %(max)d MB are allowed.")
            % {"size": upload.size // (1024 * 1024), "max": max_document_bytes() // (1024 * 1024)}
        )
    magic, content_type = DOCUMENT_TYPES[suffix]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if magic is not None and not head.startswith(magic):
        raise ValidationError(
            _("The file “%(name)s” is not a real %(type)s file (its content does not match).")
            % {"name": upload.name, "type": suffix[1:].upper()}
        )
    if magic is None and not head.lstrip().startswith(b"<"):
        raise ValidationError(_("The file “%(name)s” is not XML.") % {"name": upload.name})
    return content_type


def _digest(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def add_document(*, plan: Plan, kind: str, title: str, upload: UploadedFile,
                 is_public: bool = True) -> PlanDocument:
    content_type = _check_content(upload)
    document = PlanDocument(
        plan=plan, kind=kind, title=title or upload.name, file_name=upload.name[:255],
        content_type=content_type, size=upload.size, sha256=_digest(upload), is_public=is_public,
        order=plan.documents.count(),
    )
    document.full_clean(exclude=["file"])
    document.file.save("document", upload, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)  # nothing half-written stays behind
        raise
    return document


@transaction.atomic
def delete_document(*, document: PlanDocument) -> None:
    """Delete a document; its stored file goes once the deletion is committed."""
    stored = document.file.name if document.file else ""
    storage = document.file.storage
    document.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
