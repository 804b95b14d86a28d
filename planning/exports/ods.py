"""ODS (odfpy): one row per weighed part, the header row repeated when printed.

Texts are string cells (office:value-type="string") and no cell carries a table:formula, so
nothing a submitter wrote is ever evaluated (SECURITY.md C8).
"""

from datetime import datetime
from pathlib import Path

from django.utils.translation import gettext as _
from odf import number, teletype
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableCellProperties, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import P

from .about import about_rows
from .rows import ExportScope, build_entries
from .tabular import as_text, columns, part_rows

SUFFIX = ".ods"
CONTENT_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
_CM_PER_CHAR = 0.2


class _Styles:
    def __init__(self, doc: OpenDocumentSpreadsheet):
        self.doc = doc
        self.top = self._cell("top", wrap=False)
        self.wrap = self._cell("wrap", wrap=True)
        self.header = self._cell("header", wrap=True, bold=True)
        date_style = number.DateStyle(name="received-date")
        for element in (number.Day(style="long"), number.Text(text="."),
                        number.Month(style="long"), number.Text(text="."),
                        number.Year(style="long"), number.Text(text=" "),
                        number.Hours(style="long"), number.Text(text=":"),
                        number.Minutes(style="long")):
            date_style.addElement(element)
        doc.automaticstyles.addElement(date_style)
        self.date = self._cell("date", wrap=False, data_style="received-date")
        self._columns: dict[int, Style] = {}

    def _cell(self, name: str, *, wrap: bool, bold: bool = False, data_style: str = "") -> Style:
        attributes = {"name": name, "family": "table-cell"}
        if data_style:
            attributes["datastylename"] = data_style
        style = Style(**attributes)
        style.addElement(TableCellProperties(wrapoption="wrap" if wrap else "no-wrap",
                                             verticalalign="top"))
        if bold:
            style.addElement(TextProperties(fontweight="bold"))
        self.doc.automaticstyles.addElement(style)
        return style

    def column(self, width_chars: int) -> Style:
        if width_chars not in self._columns:
            style = Style(name=f"col{width_chars}", family="table-column")
            style.addElement(TableColumnProperties(
                columnwidth=f"{width_chars * _CM_PER_CHAR:.1f}cm"))
            self.doc.automaticstyles.addElement(style)
            self._columns[width_chars] = style
        return self._columns[width_chars]


def _cell(value, style: Style, date_style: Style) -> TableCell:
    if isinstance(value, datetime):
        cell = TableCell(valuetype="date", datevalue=value.strftime("%Y-%m-%dT%H:%M:%S"),
                         stylename=date_style)
        cell.addElement(P(text=value.strftime("%d.%m.%Y %H:%M")))
        return cell
    if isinstance(value, int):
        cell = TableCell(valuetype="float", value=value, stylename=style)
        cell.addElement(P(text=str(value)))
        return cell
    cell = TableCell(valuetype="string", stylename=style)
    paragraph = P()
    teletype.addTextToElement(paragraph, as_text(value))  # line breaks become text:line-break
    cell.addElement(paragraph)
    return cell


def write(scope: ExportScope, path: Path, *, variant: str, progress=None) -> int:
    cols = columns(variant)
    doc = OpenDocumentSpreadsheet()
    styles = _Styles(doc)
    table = Table(name=_("Weighing table"))
    for column in cols:
        table.addElement(TableColumn(stylename=styles.column(column.width)))
    header_rows = TableHeaderRows()
    header = TableRow()
    for column in cols:
        header.addElement(_cell(column.label, styles.header, styles.date))
    header_rows.addElement(header)
    table.addElement(header_rows)
    count = 0
    for row in part_rows(build_entries(scope, variant=variant, progress=progress), variant):
        table_row = TableRow()
        for column in cols:
            style = styles.wrap if column.wrap else styles.top
            table_row.addElement(_cell(row.get(column.key, ""), style, styles.date))
        table.addElement(table_row)
        count += 1
    doc.spreadsheet.addElement(table)
    about = Table(name=_("About this export"))
    about.addElement(TableColumn(stylename=styles.column(28)))
    about.addElement(TableColumn(stylename=styles.column(80)))
    for label, value in about_rows(scope, variant=variant, rows=count):
        about_row = TableRow()
        about_row.addElement(_cell(label, styles.header, styles.date))
        about_row.addElement(_cell(value, styles.wrap, styles.date))
        about.addElement(about_row)
    doc.spreadsheet.addElement(about)
    doc.save(str(path))
    return count
