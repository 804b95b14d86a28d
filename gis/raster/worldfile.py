"""World files (.pgw, .jgw, .tfw, .wld, .pngw, .jpgw, .tifw): six numbers that georeference an image.

The six lines are, in this order:

    A  pixel size in x (width of a pixel in map units)
    D  rotation term (y change per column)
    B  rotation term (x change per row)
    E  pixel size in y (negative for north-up images)
    C  x of the CENTRE of the upper-left pixel
    F  y of the CENTRE of the upper-left pixel

so a pixel centre (col, row) lies at x = A*col + B*row + C, y = D*col + E*row + F. GDAL's
geotransform describes the upper-left CORNER instead: (C - A/2 - B/2, A, B, F - D/2 - E/2, D, E).
Forgetting that half pixel shifts a plan by half a pixel, which is what most home-made readers do.

Files from Windows tools come with CRLF, a UTF-8 BOM, blank lines and, from German locales,
decimal commas ("0,25"); all are accepted. Anything else is refused with its line number.
"""

import math
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from ..errors import InputError

WORLD_FILE_SUFFIXES = frozenset(
    {".wld", ".pgw", ".pngw", ".jgw", ".jpgw", ".jpegw", ".tfw", ".tifw", ".tiffw"}
)
MAX_WORLD_FILE_BYTES = 4096

# A plain decimal number: optional sign, digits with one decimal point OR one decimal comma,
# optional exponent. No thousands separators, no "nan"/"inf", no underscores (which float()
# would accept).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


@dataclass(frozen=True)
class WorldFile:
    a: float  # pixel size in x
    d: float  # rotation term
    b: float  # rotation term
    e: float  # pixel size in y (negative when north is up)
    c: float  # x of the centre of the upper-left pixel
    f: float  # y of the centre of the upper-left pixel

    @property
    def is_rotated(self) -> bool:
        return self.b != 0.0 or self.d != 0.0

    def geotransform(self) -> tuple[float, float, float, float, float, float]:
        """The GDAL geotransform: origin at the upper-left CORNER of the upper-left pixel."""
        return (
            self.c - self.a / 2 - self.b / 2,
            self.a,
            self.b,
            self.f - self.d / 2 - self.e / 2,
            self.d,
            self.e,
        )


def _parse_number(text: str, line_number: int) -> float:
    if not _NUMBER.fullmatch(text):
        raise InputError(
            _("The world file has “%(text)s” where a number was expected.") % {"text": text[:40]},
            location=_("line %(line)d") % {"line": line_number},
        )
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise InputError(
            _("The world file has a number that is too large: “%(text)s”.") % {"text": text[:40]},
            location=_("line %(line)d") % {"line": line_number},
        )
    return value


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            _("The world file is saved as UTF-16; save it as plain text (ASCII or UTF-8).")
        )
    try:
        return data.decode("ascii")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            _("The world file contains characters other than numbers."),
            location=_("line %(line)d") % {"line": line},
        ) from exc


def parse_world_file(data: bytes) -> WorldFile:
    """Parse the bytes of a world file; raise InputError naming the offending line."""
    if len(data) > MAX_WORLD_FILE_BYTES:
        raise _refuse_size(len(data))
    text = _decode(data)
    values: list[float] = []
    # splitlines() handles \n, \r\n and \r line ends alike.
    for line_number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if len(values) == 6:
            raise InputError(
                _(
                    "The world file has more than six values; remove everything after the sixth line."
                ),
                location=_("line %(line)d") % {"line": line_number},
            )
        values.append(_parse_number(stripped, line_number))
    if len(values) < 6:
        raise InputError(
            _(
                "The world file has %(count)d values; it needs six (pixel size x, two rotation terms, pixel size y, x and y of the upper-left pixel)."
            )
            % {"count": len(values)}
        )
    world = WorldFile(*values)
    _check_plausible(world)
    return world


def _check_plausible(world: WorldFile) -> None:
    if not world.is_rotated and (world.a == 0.0 or world.e == 0.0):
        raise InputError(
            _(
                "The world file gives a pixel size of zero (line 1 or 4); check that the lines are in the right order."
            )
        )
    determinant = world.a * world.e - world.b * world.d
    scale = max(abs(world.a), abs(world.b), abs(world.d), abs(world.e))
    if abs(determinant) <= (scale * 1e-6) ** 2:
        raise InputError(
            _(
                "The world file's pixel size and rotation terms describe no area (they cancel each other out)."
            )
        )


def _refuse_size(size: int) -> InputError:
    return InputError(
        _(
            "The world file is %(size)d bytes long; a world file has six numbers and is at most %(max)d bytes."
        )
        % {"size": size, "max": MAX_WORLD_FILE_BYTES}
    )


def read_world_file(path: str | Path) -> WorldFile:
    """Read and parse a world file from disk (its size is checked before it is read)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_WORLD_FILE_BYTES:
            raise _refuse_size(size)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_("The world file cannot be read.")) from exc
    return parse_world_file(data)
