"""Reading exports back with real readers (openpyxl, odfpy, csv, GDAL/OGR, poppler, pypdf)."""

import csv
import re
import subprocess
import zipfile
from pathlib import Path

from odf import teletype
from odf.opendocument import load as load_ods
from odf.table import Table, TableCell, TableRow
from openpyxl import load_workbook
from osgeo import gdal

gdal.UseExceptions()

#: The fixture's postcodes (01000–01999) as whole tokens; references like ST-2026-01000 and
#: coordinates like 50.01017 do not count.
POSTCODE = re.compile(r"(?<![\w.,\-])01\d{3}(?!\d)")
PERSONAL_MARKERS = ("Person ", "Gasse ", "@example.org", "example.org")


def xlsx_rows(path: Path) -> list[list]:
    sheet = load_workbook(path).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def ods_rows(path: Path) -> list[list[str]]:
    table = load_ods(str(path)).spreadsheet.getElementsByType(Table)[0]
    rows = []
    for row in table.getElementsByType(TableRow):
        rows.append([teletype.extractText(cell) for cell in row.getElementsByType(TableCell)])
    return rows


def csv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def layer_features(path: Path) -> tuple[str, list[dict], list]:
    """(EPSG code of the layer, attribute dicts, geometries as (x, y) of a point on each)."""
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    layer = dataset.GetLayer(0)
    srs = layer.GetSpatialRef()
    code = srs.GetAuthorityCode(None) if srs is not None else None
    attributes, points = [], []
    for feature in layer:
        attributes.append(feature.items())
        point = feature.GetGeometryRef().PointOnSurface()
        points.append((point.GetX(), point.GetY()))
    dataset = None
    return code, attributes, points


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                            check=True, timeout=120)
    return result.stdout.decode("utf-8")


def pdf_metadata(path: Path) -> str:
    from pypdf import PdfReader

    metadata = PdfReader(str(path)).metadata or {}
    return " ".join(str(value) for value in metadata.values())


def everything_readable(path: Path, fmt: str) -> str:
    """All text a reader of the file could get at, for the personal-data scan."""
    if fmt in ("xlsx", "ods"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace")
                             for name in archive.namelist())
    if fmt in ("csv", "geojson"):
        return Path(path).read_text(encoding="utf-8-sig")
    if fmt == "gpkg":
        _code, attributes, _points = layer_features(path)
        values = "\n".join(str(v) for feature in attributes for v in feature.values())
        # The raw file as well (strings in SQLite pages are UTF-8), without its digits: the
        # binary pages could look like postcodes by chance, names and e-mails cannot.
        raw = re.sub(r"\d", "", Path(path).read_bytes().decode("utf-8", "replace"))
        return values + "\n" + raw
    if fmt == "pdf":
        return pdf_text(path) + "\n" + pdf_metadata(path)
    raise ValueError(fmt)


def personal_data_found(text: str) -> list[str]:
    found = [marker for marker in PERSONAL_MARKERS if marker in text]
    found += sorted(set(POSTCODE.findall(text)))[:5]
    return found

