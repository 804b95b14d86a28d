"""Attachments of statements: type checked by content, size limits, images re-encoded and
stripped of metadata (EXIF, GPS, comments), PDFs kept as they are."""

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

from .errors import StatementRefused

MAX_FILES = 5
MAX_PIXELS = 40_000_000
PDF_MAGIC = b"%PDF-"
IMAGE_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"),
                 "WEBP": ("image/webp", ".webp")}


def max_attachment_bytes() -> int:
    return getattr(settings, "PORTAL_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)


def max_attachments_total_bytes() -> int:
    return getattr(settings, "PORTAL_MAX_ATTACHMENTS_TOTAL_BYTES", 25 * 1024 * 1024)


@dataclass
class CheckedAttachment:
    name: str
    content_type: str
    content: bytes
    sha256: str


def _safe_name(name: str, suffix: str) -> str:
    stem = PurePath(name or "anhang").stem
    cleaned = "".join(ch for ch in stem if ch.isalnum() or ch in "-_ .")[:80].strip() or "anhang"
    return cleaned + suffix


def _reencode_image(data: bytes, name: str) -> CheckedAttachment:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS))
            if image.width * image.height > MAX_PIXELS:
                raise StatementRefused(
                    _("The image “%(name)s” is too large (%(mp)d megapixels); at most %(max)d are accepted.")
                    % {"name": name, "mp": image.width * image.height // 1_000_000,
                       "max": MAX_PIXELS // 1_000_000}
                )
            image.load()
        except StatementRefused:
            raise
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
                Image.DecompressionBombWarning) as exc:
            raise StatementRefused(
                _("The file “%(name)s” is not a readable image.") % {"name": name}
            ) from exc
    fmt = image.format
    if fmt == "PNG" or image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA") if image.mode in ("RGBA", "LA", "P") else image.convert("RGB")
        out_format, content_type, suffix = "PNG", "image/png", ".png"
    else:
        image = image.convert("RGB")
        out_format, content_type, suffix = "JPEG", "image/jpeg", ".jpg"
    buffer = io.BytesIO()
    # A fresh image without info/exif: nothing of the original metadata is written.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.save(buffer, out_format, **({"quality": 88} if out_format == "JPEG" else {}))
    content = buffer.getvalue()
    return CheckedAttachment(_safe_name(name, suffix), content_type, content,
                             hashlib.sha256(content).hexdigest())


def check_attachments(uploads: list[UploadedFile]) -> list[CheckedAttachment]:
    if len(uploads) > MAX_FILES:
        raise StatementRefused(
            _("At most %(max)d attachments are accepted.") % {"max": MAX_FILES}
        )
    total = sum(upload.size or 0 for upload in uploads)
    if total > max_attachments_total_bytes():
        raise StatementRefused(
            _("The attachments are %(size)d MB together; at most %(max)d MB are accepted per statement.")
            % {"size": total // (1024 * 1024), "max": max_attachments_total_bytes() // (1024 * 1024)}
        )
    checked = []
    for upload in uploads:
        name = upload.name or "anhang"
        if upload.size > max_attachment_bytes():
            raise StatementRefused(
                _("The file “%(name)s” is %(size)d MB; at most %(max)d MB are accepted per file.")
                % {"name": name, "size": upload.size // (1024 * 1024),
                   "max": max_attachment_bytes() // (1024 * 1024)}
            )
        upload.seek(0)
        data = upload.read(max_attachment_bytes() + 1)
        if not data:
            raise StatementRefused(_("The file “%(name)s” is empty.") % {"name": name})
        if data.startswith(PDF_MAGIC):
            checked.append(CheckedAttachment(_safe_name(name, ".pdf"), "application/pdf", data,
                                             hashlib.sha256(data).hexdigest()))
        elif data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or (
            data[:4] == b"RIFF" and data[8:12] == b"WEBP"
        ):
            checked.append(_reencode_image(data, name))
        else:
            raise StatementRefused(
                _("The file “%(name)s” is not a PDF, JPEG, PNG or WebP file (checked by its content, not its name).")
                % {"name": name}
            )
    return checked
