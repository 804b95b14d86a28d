"""The external references of an imported plan as PlanDocument rows.

A reference whose file came with the upload (an XPlanArchiv member, matched by name exactly as
the reader matches scans: relative names only, never a URL or a path outside) is stored with
its checksum and size; any other reference (a URL, a file that is missing) is kept as
external_href. A PDF, PNG or JPEG whose content does not match its name is not stored; the
reference is kept and a warning says why.
"""

import hashlib
import mimetypes
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from ..codelists import DocumentType
from ..models import Plan, PlanDocument
from ..xplanung import ExternalReference, Message
from ..xplanung.rasters import local_name
from .stored_files import StoredFiles

#: Content the name promises -> its magic bytes.
MAGIC = {".pdf": b"%PDF-", ".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff",
         ".jpeg": b"\xff\xd8\xff"}
RASTER_DOCUMENT_KIND = DocumentType.RECHTSPLAN  # a scan that cannot be placed on the map


def find_file(href: str | None, files: dict[str, Path]) -> str | None:
    """The name of the uploaded file a reference names (case-insensitive; by base name when
    that is unique), or None."""
    name = local_name(href)
    if not name:
        return None
    folded = name.casefold()
    for candidate in files:
        if candidate.casefold() == folded:
            return candidate
    base = PurePosixPath(folded).name
    matches = [c for c in files if PurePosixPath(c.casefold()).name == base]
    return matches[0] if len(matches) == 1 else None


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def content_matches(path: Path) -> bool:
    magic = MAGIC.get(path.suffix.lower())
    if magic is None:
        return True
    with open(path, "rb") as handle:
        return handle.read(len(magic)) == magic


def _title(reference: ExternalReference) -> str:
    name = reference.name or (reference.href or "").rstrip("/").rsplit("/", 1)[-1]
    return (name or reference.href or _("Document"))[:300]


def add_plan_document(*, plan: Plan, kind: str, title: str, order: int, file_name: str | None,
                      path: Path | None, href: str | None, stored: StoredFiles) -> PlanDocument:
    document = PlanDocument(plan=plan, kind=kind, title=title[:300], order=order)
    if path is not None and file_name:
        document.file_name = file_name[:255]
        document.content_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        document.size = path.stat().st_size
        document.sha256 = _digest(path)
    else:
        document.external_href = (href or "")[:1000]
    document.full_clean(exclude=["file"])
    if path is not None and file_name:
        stored.save(document.file, "document", path)
    document.save()
    return document


def create_documents(*, plan: Plan, references: list[ExternalReference], files: dict[str, Path],
                     stored: StoredFiles, gml_id: str) -> list[Message]:
    messages: list[Message] = []
    for order, reference in enumerate(references):
        if not reference.href:
            continue
        kind = reference.type if reference.type in DocumentType.values else DocumentType.INFORMELL
        file_name = find_file(reference.href, files)
        path = files.get(file_name) if file_name else None
        if path is not None and not content_matches(path):
            messages.append(Message("warning", "document_content_mismatch", _(
                "The file “%(name)s” is not a real %(type)s file; it was not stored, only the "
                "reference was kept."
            ) % {"name": file_name, "type": path.suffix[1:].upper()},
                line=reference.line, gml_id=gml_id))
            file_name, path = None, None
        add_plan_document(plan=plan, kind=kind, title=_title(reference), order=order,
                          file_name=file_name, path=path, href=reference.href, stored=stored)
    return messages
