"""Importing signposts from a CSV file (all rows or none).

Header row, names case-insensitive, German names accepted: ``latitude``/``breite``,
``longitude``/``laenge``/``länge`` (WGS84 degrees), optional ``plates``/``schilder`` (plates
separated by ``|``, each "destination; km; time"), ``material``, ``condition``/``zustand``
(good, damaged, unreadable, missing or the German words), ``last_inspected``/``kontrolle``
(YYYY-MM-DD). Delimiter ``;`` or ``,``; UTF-8 (with or without BOM), else Windows-1252.
Each signpost gets the next public ID and the trails near it (services.signposts).
"""

import csv
import io
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participation.incidents.errors import ReportRefused
from participation.incidents.location import point_from_lat_lon

from ..models import Condition, Signpost
from ..plates import parse_plates
from .signposts import save_signpost

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
COLUMNS = {
    "latitude": "latitude", "lat": "latitude", "breite": "latitude",
    "longitude": "longitude", "lon": "longitude", "laenge": "longitude", "länge": "longitude",
    "plates": "plates", "schilder": "plates", "material": "material",
    "condition": "condition", "zustand": "condition",
    "last_inspected": "last_inspected", "kontrolle": "last_inspected",
}
CONDITIONS = {**{c.value: c.value for c in Condition},
              "gut": "good", "beschädigt": "damaged", "unleserlich": "unreadable",
              "fehlt": "missing"}


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _row(values: dict, authority) -> Signpost:
    try:
        location = point_from_lat_lon(values.get("latitude", ""), values.get("longitude", ""))
    except ReportRefused as exc:
        raise ValidationError(exc.messages) from exc
    condition = CONDITIONS.get((values.get("condition") or "good").strip().lower())
    if condition is None:
        raise ValidationError(_("Unknown condition “%(value)s”.")
                              % {"value": values.get("condition", "")[:40]})
    inspected = None
    if (values.get("last_inspected") or "").strip():
        try:
            inspected = date.fromisoformat(values["last_inspected"].strip())
        except ValueError as exc:
            raise ValidationError(_("The inspection date must be written as YYYY-MM-DD.")) \
                from exc
    return Signpost(authority=authority, location=location,
                    plates=parse_plates((values.get("plates") or "").replace("|", "\n")),
                    material=(values.get("material") or "").strip()[:120],
                    condition=condition, last_inspected=inspected)


def import_signposts(data: bytes, *, authority) -> list[Signpost]:
    """The created signposts; ValidationError listing the bad rows (nothing stored then)."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 1 MB."))
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text),
                        delimiter=";" if first_line.count(";") >= first_line.count(",") else ",")
    header = [COLUMNS.get(name.strip().lower(), "") for name in next(reader, [])]
    if "latitude" not in header or "longitude" not in header:
        raise ValidationError(_("The file needs the columns “latitude” and “longitude” "
                                "(or “Breite” and “Länge”)."))
    signposts, errors = [], []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(signposts) + len(errors) >= MAX_ROWS:
            raise ValidationError(_("At most %(max)d rows.") % {"max": MAX_ROWS})
        values = {name: cell for name, cell in zip(header, cells, strict=False) if name}
        try:
            signposts.append(_row(values, authority))
        except ValidationError as exc:
            errors.append(_("Row %(row)d: %(problem)s")
                          % {"row": number, "problem": " ".join(exc.messages)})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return [save_signpost(signpost) for signpost in signposts]
