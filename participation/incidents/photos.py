"""Photos of incident reports (SECURITY.md "Images"): the type is judged by the content,
never by the name or the client's Content-Type; size and pixel limits come first; every photo
is decoded by Pillow (JPEG, PNG, WebP only) and re-encoded as a fresh JPEG of at most
MAX_SIDE pixels per side, so no metadata (EXIF incl. GPS, comments, ICC, XMP) survives. The
upload itself is never stored."""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from .errors import ReportRefused

MAX_PHOTOS = 5
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600
FORMATS = ["JPEG", "PNG", "WEBP"]


def max_photo_bytes() -> int:
    return getattr(settings, "INCIDENTS_MAX_PHOTO_BYTES", 10 * 1024 * 1024)


@dataclass
class CheckedPhoto:
    content: bytes
    width: int
    height: int


def _looks_like_image(data: bytes) -> bool:
    return (data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff"
            or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"))


def reencode(data: bytes, name: str) -> CheckedPhoto:
    if not _looks_like_image(data):
        raise ReportRefused(_("The file “%(name)s” is not a JPEG, PNG or WebP photo (checked by "
                              "its content, not its name).") % {"name": name})
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise ReportRefused(
                    _("The photo “%(name)s” is too large (%(mp)d megapixels); at most %(max)d "
                      "are accepted.") % {"name": name,
                                          "mp": image.width * image.height // 1_000_000,
                                          "max": MAX_PIXELS // 1_000_000})
            image.load()
            image = ImageOps.exif_transpose(image)  # keep the orientation, drop the tag
        except ReportRefused:
            raise
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError,
                Image.DecompressionBombWarning) as exc:
            raise ReportRefused(_("The file “%(name)s” is not a readable photo.")
                                % {"name": name}) from exc
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGBA").convert("RGB") if "A" in image.mode or image.mode == "P" \
            else image.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    clean = Image.new(image.mode, image.size)  # a fresh image: no info, no exif
    clean.paste(image)
    buffer = io.BytesIO()
    clean.save(buffer, "JPEG", quality=85)
    return CheckedPhoto(buffer.getvalue(), clean.width, clean.height)


def check_photos(uploads) -> list[CheckedPhoto]:
    """Check and re-encode up to MAX_PHOTOS uploads; ReportRefused with a message otherwise."""
    uploads = list(uploads)
    if len(uploads) > MAX_PHOTOS:
        raise ReportRefused(_("At most %(max)d photos are accepted.") % {"max": MAX_PHOTOS})
    limit = max_photo_bytes()
    checked = []
    for upload in uploads:
        name = str(getattr(upload, "name", "") or "foto")[:100]
        if (upload.size or 0) > limit:
            raise ReportRefused(
                _("The photo “%(name)s” is %(size)d MB; at most %(max)d MB are accepted per "
                  "photo.") % {"name": name, "size": upload.size // (1024 * 1024),
                               "max": limit // (1024 * 1024)})
        upload.seek(0)
        data = upload.read(limit + 1)
        if not data:
            raise ReportRefused(_("The file “%(name)s” is empty.") % {"name": name})
        if len(data) > limit:
            raise ReportRefused(_("The photo “%(name)s” is too large.") % {"name": name})
        checked.append(reencode(data, name))
    return checked
