"""Opening an untrusted raster with exactly one allowed driver, and checking it before reading.

Everything here looks only at what GDAL learned from the file's header: dimensions, bands, pixel
type, block layout, compression. No pixel is decoded until all checks have passed.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from osgeo import gdal

from ..errors import InputError
from .gdal_errors import clean_reason
from .limits import RasterLimits

gdal.UseExceptions()

FORMAT_NAMES = {"GTiff": "GeoTIFF", "PNG": "PNG", "JPEG": "JPEG"}

#: TIFF compressions we let GDAL decode; exotic codecs (LERC, JPEG XL, old-style JPEG) are
#: refused to keep the attack surface small (SECURITY.md A3.8).
ALLOWED_TIFF_COMPRESSIONS = frozenset(
    {
        "NONE",
        "LZW",
        "DEFLATE",
        "PACKBITS",
        "JPEG",
        "YCbCr JPEG",
        "CCITTRLE",
        "CCITTFAX3",
        "CCITTFAX4",
        "ZSTD",
        "WEBP",
        "LZMA",
    }
)


@dataclass
class BandLayout:
    """How the source bands become the bands of the COG."""

    kind: str  # "gray", "gray_alpha", "rgb" or "rgba" (after palette expansion)
    bands: list[int]  # source bands to use, 1-based
    expand: str | None = None  # GDAL -expand for palettes: "gray", "rgb" or "rgba"
    scale_max: int | None = None  # values 0..scale_max stretched to 0..255 (gray < 8 bit)
    warnings: list[str] = field(default_factory=list)

    @property
    def has_alpha(self) -> bool:
        return self.kind in ("gray_alpha", "rgba")


def open_untrusted(path: Path, driver: str) -> gdal.Dataset:
    """Open read-only with only `driver` allowed: a VRT named .tif is not a GeoTIFF."""
    name = FORMAT_NAMES.get(driver, driver)
    try:
        dataset = gdal.OpenEx(
            str(path), gdal.OF_RASTER | gdal.OF_READONLY, allowed_drivers=[driver]
        )
    except RuntimeError as exc:
        if "not recognized" in str(exc):
            raise InputError(
                _(
                    "The file is not a readable %(format)s image; it may be damaged or of another type."
                )
                % {"format": name}
            ) from exc
        raise InputError(
            _("The file cannot be read as %(format)s: %(reason)s")
            % {"format": name, "reason": clean_reason(str(exc))}
        ) from exc
    if dataset is None or dataset.GetDriver().ShortName != driver:
        raise InputError(_("The file is not a readable %(format)s image.") % {"format": name})
    return dataset


def check_limits(dataset: gdal.Dataset, limits: RasterLimits) -> None:
    """Dimensions, bands, pixel type, block size and codec, from the header only."""
    width, height, count = dataset.RasterXSize, dataset.RasterYSize, dataset.RasterCount
    if width < 1 or height < 1 or count < 1:
        raise InputError(_("The image has no pixels."))
    if width > limits.max_width or height > limits.max_height:
        raise InputError(
            _(
                "The image is %(width)d x %(height)d pixels; at most %(max_width)d x %(max_height)d are accepted. Reduce its resolution and upload again."
            )
            % {
                "width": width,
                "height": height,
                "max_width": limits.max_width,
                "max_height": limits.max_height,
            }
        )
    if width * height > limits.max_pixels:
        raise InputError(
            _(
                "The image has %(mp)d megapixels; at most %(max)d are accepted. Reduce its resolution and upload again."
            )
            % {"mp": width * height // 1_000_000, "max": limits.max_pixels // 1_000_000}
        )
    if count > limits.max_bands:
        raise InputError(
            _(
                "The image has %(count)d bands; accepted are gray, gray with transparency, RGB or RGBA images (at most %(max)d bands)."
            )
            % {"count": count, "max": limits.max_bands}
        )
    for index in range(1, count + 1):
        band = dataset.GetRasterBand(index)
        if band.DataType != gdal.GDT_Byte:
            raise InputError(
                _(
                    "The image has %(type)s values in band %(band)d; only 8-bit images (0–255 per band) are accepted. Convert it to 8 bits per band and upload again."
                )
                % {"type": gdal.GetDataTypeName(band.DataType), "band": index}
            )
    _check_blocks(dataset, limits)
    if dataset.GetDriver().ShortName == "GTiff":
        _check_tiff_compression(dataset)


def _check_blocks(dataset: gdal.Dataset, limits: RasterLimits) -> None:
    block_x, block_y = dataset.GetRasterBand(1).GetBlockSize()
    interleaved = dataset.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE") == "PIXEL"
    block_bytes = block_x * block_y * (dataset.RasterCount if interleaved else 1)
    if block_x < 1 or block_y < 1 or block_bytes > limits.max_block_bytes:
        raise InputError(
            _(
                "The image is stored in blocks of %(x)d x %(y)d pixels, too large to decode safely. Save it as a tiled GeoTIFF (for example gdal_translate -co TILED=YES) and upload again."
            )
            % {"x": block_x, "y": block_y}
        )


def _check_tiff_compression(dataset: gdal.Dataset) -> None:
    compression = dataset.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE") or "NONE"
    if compression not in ALLOWED_TIFF_COMPRESSIONS:
        raise InputError(
            _(
                "The GeoTIFF uses the compression “%(compression)s”, which is not accepted. Save it with LZW, DEFLATE or JPEG compression and upload again."
            )
            % {"compression": compression}
        )


def band_layout(dataset: gdal.Dataset) -> BandLayout:
    """Decide how the bands map to gray/RGB with or without alpha; refuse what does not."""
    count = dataset.RasterCount
    interps = [dataset.GetRasterBand(i).GetColorInterpretation() for i in range(1, count + 1)]
    if count == 1:
        return _single_band_layout(dataset.GetRasterBand(1))
    if count == 2:
        if interps[1] != gdal.GCI_AlphaBand:
            raise InputError(
                _(
                    "The image has two bands, but the second one is not transparency (alpha); accepted are gray, gray with transparency, RGB or RGBA images."
                )
            )
        return BandLayout(kind="gray_alpha", bands=[1, 2])
    if gdal.GCI_CyanBand in interps:
        raise InputError(_("CMYK images are not accepted; save the image as RGB and upload again."))
    if count == 3:
        return BandLayout(kind="rgb", bands=[1, 2, 3])
    if interps[3] == gdal.GCI_AlphaBand:
        return BandLayout(kind="rgba", bands=[1, 2, 3, 4])
    return BandLayout(
        kind="rgb",
        bands=[1, 2, 3],
        warnings=[
            _(
                "The image's fourth band is not marked as transparency (alpha); it was ignored and bands 1–3 were used as red, green and blue."
            )
        ],
    )


def _single_band_layout(band: gdal.Band) -> BandLayout:
    table = band.GetColorTable()
    if table is None or band.GetColorInterpretation() != gdal.GCI_PaletteIndex:
        nbits = band.GetMetadataItem("NBITS", "IMAGE_STRUCTURE")
        scale_max = 2 ** int(nbits) - 1 if nbits and nbits.isdigit() and int(nbits) < 8 else None
        return BandLayout(kind="gray", bands=[1], scale_max=scale_max)
    if table.GetPaletteInterpretation() not in (gdal.GPI_RGB, gdal.GPI_Gray):
        raise InputError(
            _("The image's colour palette is not RGB; save it as an RGB image and upload again.")
        )
    entries = [table.GetColorEntry(i) for i in range(table.GetCount())]
    if any(entry[3] < 255 for entry in entries):
        return BandLayout(kind="rgba", bands=[1], expand="rgba")
    if all(entry[0] == entry[1] == entry[2] for entry in entries):
        return BandLayout(kind="gray", bands=[1], expand="gray")
    return BandLayout(kind="rgb", bands=[1], expand="rgb")
