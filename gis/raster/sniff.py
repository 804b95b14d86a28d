"""The declared type of a raster upload, and a check that its content really is that type.

The type comes from the file name the user gave (".tif" -> GeoTIFF); the content is identified
by its first bytes, never by what the client claims. A mismatch is refused before GDAL opens the
file, with a message naming what the file really seems to be (a PDF, an XML/VRT file, ...).
GDAL's own driver allow-list (gdal.OpenEx(allowed_drivers=...)) is the second guard.
"""

from pathlib import Path, PurePath

from django.utils.translation import gettext as _

from ..errors import InputError

#: Declared type -> (GDAL driver, accepted file name suffixes).
RASTER_TYPES = {
    "geotiff": ("GTiff", (".tif", ".tiff")),
    "png": ("PNG", (".png",)),
    "jpeg": ("JPEG", (".jpg", ".jpeg")),
}

_SIGNATURES = (
    ("geotiff", (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")),
    ("png", (b"\x89PNG\r\n\x1a\n",)),
    ("jpeg", (b"\xff\xd8\xff",)),
    ("pdf", (b"%PDF-",)),
    ("zip", (b"PK\x03\x04", b"PK\x05\x06")),
    ("gif", (b"GIF87a", b"GIF89a")),
    ("jpeg2000", (b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51")),
    ("bmp", (b"BM",)),
)


def type_names() -> dict[str, str]:
    return {
        "geotiff": _("a TIFF image"),
        "png": _("a PNG image"),
        "jpeg": _("a JPEG image"),
        "pdf": _("a PDF document"),
        "zip": _("a zip archive"),
        "gif": _("a GIF image"),
        "jpeg2000": _("a JPEG 2000 image"),
        "bmp": _("a BMP image"),
        "webp": _("a WebP image"),
        "xml": _("an XML text file (for example a GDAL VRT)"),
        "text": _("a text file"),
    }


def declared_type(name: str) -> str:
    """The raster type a file name declares, or InputError for anything not accepted."""
    suffix = PurePath(name).suffix.lower()
    for file_type, (_driver, suffixes) in RASTER_TYPES.items():
        if suffix in suffixes:
            return file_type
    raise InputError(
        _(
            "Files of type “%(suffix)s” are not accepted as plan images; upload a GeoTIFF (.tif), or a PNG or JPEG image with its world file."
        )
        % {"suffix": suffix or "?"}
    )


def identify(header: bytes) -> str | None:
    """What the first bytes of a file say it is, or None when unknown."""
    for file_type, signatures in _SIGNATURES:
        if header.startswith(signatures):
            return file_type
    if header[:4] == b"RIFF" and header[8:12] == b"WEBP":
        return "webp"
    text = header.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "xml"
    if header and all(32 <= byte < 127 or byte in b"\t\r\n" for byte in header):
        return "text"
    return None


def check_content(path: Path, file_type: str) -> None:
    """Refuse a file whose first bytes do not match its declared type."""
    with open(path, "rb") as handle:
        header = handle.read(64)
    actual = identify(header)
    if actual == file_type:
        return
    names = type_names()
    if actual is None:
        raise InputError(
            _(
                "The file should be %(expected)s, but its content is not; it may be damaged or of another type."
            )
            % {"expected": names[file_type]}
        )
    raise InputError(
        _(
            "The file should be %(expected)s, but its content is %(actual)s. Upload the image itself, saved in the format its name says."
        )
        % {"expected": names[file_type], "actual": names[actual]}
    )
