"""Importing agencies into an authority's register from a CSV file (all rows or none).

Columns (header row, names case-insensitive, German names accepted): ``name`` / ``Name``,
``emails`` / ``E-Mail`` (several separated by commas, semicolons, ``|`` or spaces), optional
``topics`` / ``Themen`` (several separated by ``|`` or semicolons). Delimiter ``;`` or ``,``;
UTF-8 (with or without BOM), else Windows-1252. Agencies whose name is already in the register
are skipped and reported. Areas are drawn or uploaded per agency afterwards.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.models import Authority

from ..models import Agency
from .register import create_agency

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
COLUMNS = {
    "name": "name", "behörde": "name", "traeger": "name", "träger": "name",
    "emails": "emails", "email": "emails", "e-mail": "emails", "e-mails": "emails",
    "topics": "topics", "themen": "topics", "belange": "topics",
}
EMAIL_SEPARATORS = re.compile(r"[,;|\s]+")
TOPIC_SEPARATORS = re.compile(r"[|;\n]+")


@dataclass
class ImportReport:
    created: list[Agency] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


class ImportRefused(Exception):
    def __init__(self, report: ImportReport):
        super().__init__("import refused")
        self.report = report


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(text: str):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise ValidationError(_("The file is empty."))
    columns = [COLUMNS.get(name.strip().lower()) for name in header]
    if "name" not in columns or "emails" not in columns:
        raise ValidationError(_(
            "The first row must name the columns; “name” and “emails” are required (found: "
            "%(found)s)."
        ) % {"found": ", ".join(h.strip() for h in header)[:200]})
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {col: row[i] if i < len(row) else "" for i, col in enumerate(columns) if col}
        yield line, values


def _describe(exc: ValidationError) -> str:
    if not hasattr(exc, "error_dict"):
        return "; ".join(exc.messages)
    parts = []
    for name, messages in exc.message_dict.items():
        label = str(Agency._meta.get_field(name).verbose_name) if name != "__all__" else ""
        parts.extend(f"{label}: {message}" if label else message for message in messages)
    return "; ".join(parts)


def import_agencies(*, authority: Authority, data: bytes) -> ImportReport:
    """Create the agencies of the file; raise ImportRefused (nothing stored) on any bad row."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(max)d kB.") % {"max": MAX_BYTES // 1024})
    report = ImportReport()
    existing = {name.lower() for name in
                Agency.objects.filter(authority=authority).values_list("name", flat=True)}
    seen: set[str] = set()
    try:
        with transaction.atomic():
            for count, (line, values) in enumerate(_rows(_decode(data)), start=1):
                if count > MAX_ROWS:
                    raise ValidationError(_("At most %(max)d agencies per file.")
                                          % {"max": MAX_ROWS})
                name = " ".join(values.get("name", "").split())
                if name.lower() in existing or name.lower() in seen:
                    report.skipped.append((line, name))
                    continue
                seen.add(name.lower())
                try:
                    agency = create_agency(
                        authority=authority, name=name,
                        emails=EMAIL_SEPARATORS.split(values.get("emails", "")),
                        topics=TOPIC_SEPARATORS.split(values.get("topics", "")),
                    )
                except ValidationError as exc:
                    report.errors.append((line, _describe(exc)))
                else:
                    report.created.append(agency)
            if report.errors:
                raise ImportRefused(report)
    except csv.Error as exc:
        raise ValidationError(_("The file is not a readable CSV file: %(reason)s")
                              % {"reason": str(exc)}) from exc
    return report
