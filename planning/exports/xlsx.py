"""XLSX (openpyxl, streamed in write-only mode): one row per weighed part.

Every text is written as a string cell (an inline string, never a formula); a text that starts
like a formula also gets Excel's quote prefix, so editing the cell keeps it text
(SECURITY.md C8).
"""

from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .about import about_rows
from .rows import ExportScope, build_entries
from .tabular import columns, is_formula_like, part_rows

SUFFIX = ".xlsx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_DATE_FORMAT = "DD.MM.YYYY HH:MM"


def _sheet_title(text: str) -> str:
    for char in "[]:*?/\\":
        text = text.replace(char, " ")
    return text[:SHEET_TITLE_LENGTH].strip() or "Sheet"


def text_cell(sheet, value, *, wrap: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise turn "=…" into a formula
        if is_formula_like(value):
            cell.quotePrefix = True
    cell.alignment = _WRAP if wrap else _TOP
    return cell


def write(scope: ExportScope, path: Path, *, variant: str, progress=None) -> int:
    cols = columns(variant)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(_("Weighing table")))
    about = workbook.create_sheet(_sheet_title(_("About this export")))
    for index, column in enumerate(cols, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "D2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    header = []
    for column in cols:
        cell = text_cell(sheet, column.label, wrap=True)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in part_rows(build_entries(scope, variant=variant, progress=progress), variant):
        cells = []
        for column in cols:
            value = row.get(column.key, "")
            cell = text_cell(sheet, value, wrap=column.wrap)
            if column.key == "received":
                cell.number_format = _DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{count + 1}"
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 80
    for label, value in about_rows(scope, variant=variant, rows=count):
        about.append([text_cell(about, label), text_cell(about, value, wrap=True)])
    workbook.save(path)
    return count
