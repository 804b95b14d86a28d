"""The registry of export formats: one module per format, each with SUFFIX, CONTENT_TYPE and
write(scope, path, *, variant, progress) -> rows written.

A format's module is imported when it is first used: the PDF, spreadsheet and ODF libraries
(fpdf2, openpyxl, odfpy) cost about half a second to import, and this registry is imported at
every start-up (the task recovery policies name the export job), also by management commands
that never export.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from django.utils.translation import gettext as _

from ..models.export_job import ExportFormat, ExportVariant
from .rows import ExportError, ExportScope

#: Format -> the module (in this package) that writes it.
WRITERS: dict[str, str] = {
    ExportFormat.PDF: "pdf",
    ExportFormat.XLSX: "xlsx",
    ExportFormat.ODS: "ods",
    ExportFormat.CSV: "csv_format",
    ExportFormat.GPKG: "gpkg",
    ExportFormat.GEOJSON: "geojson",
}


@dataclass(frozen=True)
class ExportResult:
    format: str
    variant: str
    rows: int
    path: Path


def writer(fmt: str) -> ModuleType:
    if fmt not in WRITERS:
        raise ExportError(_("Unknown export format “%(format)s”.") % {"format": fmt})
    return importlib.import_module(f"{__package__}.{WRITERS[fmt]}")


def write_export(*, scope: ExportScope, fmt: str, variant: str, path: Path,
                 progress=None) -> ExportResult:
    """Write the weighing table of the scope in one format and variant to `path`."""
    if variant not in ExportVariant.values:
        raise ExportError(_("Unknown export variant “%(variant)s”.") % {"variant": variant})
    module = writer(fmt)
    rows = module.write(scope, Path(path), variant=variant, progress=progress)
    return ExportResult(format=fmt, variant=variant, rows=rows, path=Path(path))
