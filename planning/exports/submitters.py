"""Who submitted a statement, as the export shows it.

Internal exports show name, organisation and place. Public exports never do: each submitter
gets a number, stable within one export (the same person or agency keeps the same number on
all their statements; numbers follow the order of receipt), and the submitter's own
identifiers are blanked out of the free texts of their statement as a safety net
(SECURITY.md G1).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import QuerySet
from django.utils.translation import gettext as _

PERSONAL_FIELDS = ("name", "organisation", "street", "postcode", "city", "email")
#: Identifiers blanked out of public texts (the city alone identifies no one).
REDACTED_FIELDS = ("name", "organisation", "street", "postcode", "email")
REDACTION = "[…]"
_MIN_REDACTED_LENGTH = 3


def _identity(row: dict):
    if row["agency_id"]:
        return ("agency", row["agency_id"])
    if row["email"]:
        return ("email", row["email"].strip().lower())
    person = tuple((row[key] or "").strip().lower()
                   for key in ("name", "organisation", "street", "postcode"))
    if any(person):
        return ("person", *person)
    return ("statement", row["pk"])


class SubmitterNumbers:
    """Numbers for the submitters of the statements in scope, in the order of receipt."""

    def __init__(self, statements: QuerySet):
        self._numbers: dict[int, int] = {}
        self._agencies: set[int] = set()
        by_identity: dict[tuple, int] = {}
        rows = statements.order_by("received_at", "pk").values(
            "pk", "agency_id", "name", "organisation", "street", "postcode", "email")
        for row in rows.iterator(chunk_size=2000):
            key = _identity(row)
            number = by_identity.setdefault(key, len(by_identity) + 1)
            self._numbers[row["pk"]] = number
            if row["agency_id"]:
                self._agencies.add(row["pk"])

    def number(self, statement_id: int) -> int:
        return self._numbers[statement_id]

    def pseudonym(self, statement_id: int) -> str:
        number = self._numbers[statement_id]
        if statement_id in self._agencies:
            return _("Public agency %(number)d") % {"number": number}
        return _("Submitter %(number)d") % {"number": number}


def place(postcode: str, city: str) -> str:
    return " ".join(part for part in (postcode.strip(), city.strip()) if part)


def personal_data(statement) -> dict[str, str]:
    return {key: (getattr(statement, key) or "").strip() for key in PERSONAL_FIELDS}


def internal_label(statement) -> str:
    """Name, organisation and place of the submitter (internal exports only)."""
    data = personal_data(statement)
    parts = [data["name"], data["organisation"], place(data["postcode"], data["city"])]
    if not data["name"] and not data["organisation"] and statement.agency_id:
        parts.insert(0, statement.agency.name)
    label = ", ".join(part for part in parts if part)
    return label or _("anonymous")


@lru_cache(maxsize=256)
def _pattern(values: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(value) for value in values)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Redactor:
    """Blanks a submitter's own identifiers out of texts (whole words, any case)."""

    values: tuple[str, ...]

    @classmethod
    def for_statement(cls, statement) -> "Redactor":
        values = {(getattr(statement, key) or "").strip() for key in REDACTED_FIELDS}
        return cls(tuple(sorted((v for v in values if len(v) >= _MIN_REDACTED_LENGTH),
                                key=lambda v: (-len(v), v))))

    def __call__(self, text: str) -> str:
        if not text or not self.values:
            return text or ""
        lowered = text.casefold()
        present = tuple(v for v in self.values if v.casefold() in lowered)
        if not present:  # the common case: no regular expression needed
            return text
        return _pattern(present).sub(REDACTION, text)
