"""Reading the table of a statement import: CSV or Excel (.xlsx) into rows of cell values.

Limits before parsing: file size, number of rows; for .xlsx the zip listing is checked with
Python's zipfile first (entry count, declared uncompressed size, no macros), then openpyxl
reads it read-only with cached values (data_only; openpyxl uses defusedxml when installed).
Old .xls, macro-enabled workbooks (.xlsm/.xltm) and anything else are refused by content.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import StatementRefused

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MAX_ZIP_ENTRIES = 500
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_COLUMNS = 50


def max_import_bytes() -> int:
    return getattr(settings, "PORTAL_STATEMENT_IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def max_import_rows() -> int:
    return getattr(settings, "PORTAL_STATEMENT_IMPORT_MAX_ROWS", 1000)


@dataclass
class Table:
    kind: str  # "csv" or "xlsx"
    header: list[str]
    rows: list[tuple[int, list]]  # (row number in the file, cell values), empty rows left out


def _too_many_rows() -> StatementRefused:
    return StatementRefused(
        _("The file has more than %(max)d rows of statements. Split it into several files.")
        % {"max": max_import_rows()}
    )


def _collect(lines: Iterator[tuple[int, list]]) -> tuple[list[str], list[tuple[int, list]]]:
    header: list[str] | None = None
    rows: list[tuple[int, list]] = []
    limit = max_import_rows()
    # Empty rows are skipped, but not without end (a sheet can declare a million of them).
    hard_limit = limit * 5 + 1000
    for number, cells in lines:
        if number > hard_limit:
            raise _too_many_rows()
        if len(cells) > MAX_COLUMNS:
            if any(_filled(c) for c in cells[MAX_COLUMNS:]):
                raise StatementRefused(_("Row %(row)d has more than %(max)d columns.")
                                       % {"row": number, "max": MAX_COLUMNS})
            cells = cells[:MAX_COLUMNS]
        if not any(_filled(c) for c in cells):
            continue
        if header is None:
            header = ["" if c is None else str(c).strip() for c in cells]
            continue
        rows.append((number, list(cells)))
        if len(rows) > limit:
            raise _too_many_rows()
    if header is None:
        raise StatementRefused(_("The file is empty: the first row must name the columns."))
    if not rows:
        raise StatementRefused(_("The file has column headings but no statements."))
    return header, rows


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise StatementRefused(_("The file is neither a CSV text file nor an Excel .xlsx file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV (Trennzeichen-getrennt)" on German Windows writes Windows-1252.
        return data.decode("cp1252", errors="replace")


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header, rows = _collect(enumerate(reader, start=1))
    except csv.Error as exc:
        raise StatementRefused(_("The CSV file cannot be read: %(reason)s") % {"reason": exc}) from exc
    return Table("csv", header, rows)


def _check_xlsx_container(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise StatementRefused(_("The Excel file is damaged and cannot be read.")) from exc
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
        raise StatementRefused(_("The Excel file is too large when unpacked."))
    names = {e.filename.lower(): e.filename for e in entries}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise StatementRefused(_("Excel files with macros are not accepted. Save the table as an Excel workbook (.xlsx) without macros, or as CSV."))
    if "[content_types].xml" not in names:
        raise StatementRefused(_("The file is a zip archive, not an Excel .xlsx file."))
    types_entry = archive.getinfo(names["[content_types].xml"])
    if types_entry.file_size > 200_000:
        raise StatementRefused(_("The file is a zip archive, not an Excel .xlsx file."))
    try:
        types = archive.read(types_entry).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError) as exc:
        raise StatementRefused(_("The Excel file is damaged and cannot be read.")) from exc
    if "macroEnabled" in types or XLSX_MAIN not in types:
        raise StatementRefused(_("Only Excel workbooks (.xlsx) are accepted, no templates or macro-enabled files (.xlsm, .xltx, .xltm)."))


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    _check_xlsx_container(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                 keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise StatementRefused(_("The Excel file is damaged and cannot be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        lines = ((number, list(values))
                 for number, values in enumerate(sheet.iter_rows(values_only=True), start=1))
        header, rows = _collect(lines)
    except StatementRefused:
        raise
    except Exception as exc:
        raise StatementRefused(_("The Excel file is damaged and cannot be read.")) from exc
    finally:
        workbook.close()
    return Table("xlsx", header, rows)


def read_table(upload) -> Table:
    """The rows of an uploaded CSV or .xlsx file; StatementRefused with a message otherwise."""
    if upload.size is not None and upload.size > max_import_bytes():
        raise StatementRefused(_("The file is larger than %(max)d MB.")
                               % {"max": max_import_bytes() // (1024 * 1024)})
    upload.seek(0)
    data = upload.read(max_import_bytes() + 1)
    return read_table_bytes(data)


def read_table_bytes(data: bytes) -> Table:
    if len(data) > max_import_bytes():
        raise StatementRefused(_("The file is larger than %(max)d MB.")
                               % {"max": max_import_bytes() // (1024 * 1024)})
    if not data.strip():
        raise StatementRefused(_("The file is empty: the first row must name the columns."))
    if data.startswith(OLE_MAGIC):
        raise StatementRefused(_("Old Excel files (.xls) are not accepted. Save the table as an Excel workbook (.xlsx) or as CSV."))
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data)
    return _read_csv(data)
