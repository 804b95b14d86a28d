"""Columns and rows of the spreadsheet formats (XLSX, ODS, CSV): one row per weighed part.

A statement that is weighed as a whole (alone or in a group) is one row; a statement split into
sections is one row per section. Public exports have one "Submitter" column with the number
instead of the six columns of personal data.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from ..models.export_job import ExportVariant
from .rows import Entry

#: Cell texts a spreadsheet would run as a formula (SECURITY.md C8, OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """Prefix formula-like text with an apostrophe: readable, never executed."""
    return "'" + text if is_formula_like(text) else text


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int  # characters
    wrap: bool = False


def columns(variant: str) -> list[Column]:
    personal = [
        Column("name", _("Name"), 22), Column("organisation", _("Organisation"), 22),
        Column("street", _("Street and number"), 22), Column("postcode", _("Postcode"), 10),
        Column("city", _("City"), 16), Column("email", _("E-mail"), 26),
    ] if variant == ExportVariant.INTERNAL else [Column("submitter", _("Submitter"), 18)]
    return [
        Column("number", _("No."), 6),
        Column("reference", _("Reference"), 16),
        Column("part", _("Part"), 18, wrap=True),
        Column("received", _("Received"), 17),
        Column("phase", _("Phase"), 24, wrap=True),
        Column("submitter_kind", _("Submitted by"), 16, wrap=True),
        Column("channel", _("Channel"), 14, wrap=True),
        *personal,
        Column("topics", _("Topics"), 18, wrap=True),
        Column("text", _("Statement"), 60, wrap=True),
        Column("location", _("Location"), 30, wrap=True),
        Column("group", _("Group"), 24, wrap=True),
        Column("decision", _("Decision"), 20, wrap=True),
        Column("reasoning", _("Reasoning"), 60, wrap=True),
        Column("plan_change", _("Change of the plan"), 30, wrap=True),
        Column("late", _("Late"), 8),
    ]


def part_rows(entries, variant: str) -> Iterator[dict[str, object]]:
    """Row dicts (key -> value) for the columns of the variant; the received time is a
    naive local datetime, every other value a string (number: int)."""
    for entry in entries:
        yield from _rows_of(entry, variant)


def _rows_of(entry: Entry, variant: str) -> Iterator[dict[str, object]]:
    common: dict[str, object] = {
        "number": entry.number,
        "reference": entry.reference,
        "received": entry.received_at.replace(tzinfo=None),
        "phase": entry.phase,
        "submitter_kind": entry.submitter_kind,
        "channel": entry.channel,
        "topics": "; ".join(entry.topics),
        "location": entry.location,
        "group": entry.group_title,
        "late": _("yes") if entry.late else _("no"),
    }
    if entry.personal is not None and variant == ExportVariant.INTERNAL:
        common.update(entry.personal)
    else:
        common["submitter"] = entry.submitter
    for part in entry.parts:
        yield {
            **common,
            "part": "" if part.label in (entry.reference, entry.group_title) else part.label,
            "text": part.text,
            "decision": part.decision_label,
            "reasoning": part.reasoning,
            "plan_change": part.plan_change,
        }


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)
