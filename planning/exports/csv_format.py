"""CSV: UTF-8 with BOM and semicolons, as German Excel opens it; formula-like cells neutralised."""

import csv
from pathlib import Path

from .rows import ExportScope, build_entries
from .tabular import as_text, columns, neutralise, part_rows

SUFFIX = ".csv"
CONTENT_TYPE = "text/csv; charset=utf-8"


def write(scope: ExportScope, path: Path, *, variant: str, progress=None) -> int:
    cols = columns(variant)
    count = 0
    # utf-8-sig writes the BOM: Excel on German Windows then reads umlauts correctly.
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL,
                            lineterminator="\r\n")
        writer.writerow([neutralise(c.label) for c in cols])
        entries = build_entries(scope, variant=variant, progress=progress)
        for row in part_rows(entries, variant):
            writer.writerow([neutralise(as_text(row.get(c.key))) for c in cols])
            count += 1
    return count
