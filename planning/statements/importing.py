"""Importing statements from a CSV or Excel list (docs/statements.md, "Import").

Column layout (first row; English or German headings, any order, case ignored):

| column         | also accepted        | content                                               |
|----------------|----------------------|-------------------------------------------------------|
| reference      | Eingangsnummer       | optional: the office's own number; a row with a number |
|                |                      | that was imported before is recognised and skipped    |
| received       | Eingangsdatum        | required: 2026-10-01 or 01.10.2026 (optional HH:MM)   |
| channel        | Eingangsweg          | letter/Brief, email/E-Mail, minutes/Niederschrift,    |
|                |                      | import (default)                                       |
| name           | Name                 | optional                                               |
| organisation   | Organisation         | optional                                               |
| street         | Straße               | optional                                               |
| postcode       | PLZ                  | optional, five digits                                  |
| city           | Ort                  | optional                                               |
| email          | E-Mail               | optional; if given, the receipt is e-mailed            |
| text           | Stellungnahme        | required                                               |
| topics         | Themen               | optional, separated by ";", as offered in the phase    |
| location       | Verortung            | optional: "lon, lat" or WKT in EPSG:4326 (POINT,       |
|                |                      | LINESTRING, POLYGON …), anything else is kept as the   |
|                |                      | address or description of the place                    |

Every row goes through the one write path (services.statements.create_statement) with the
row's receipt date and channel. A dry run does exactly the same inside a transaction that is
rolled back, so its report is what the import would do. The import is all or nothing: one
transaction, and any error in any row stores nothing. Text is stored as text; formula-looking
cells (=, +, -, @) are neutralised on the way out (exports), not altered here.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.errors import InputError
from gis.geometry_guard import check_untrusted_geometry
from gis.srid import WGS84
from portal.models import Phase

from ..models import Channel, Plan
from ..services.statements import (
    MAX_LOCATION_VERTICES,
    MAX_TEXT,
    Identity,
    Submission,
    create_statement,
    settings_for,
)
from .errors import IdempotencyConflict
from .import_files import Table

IMPORT_NAMESPACE = uuid.UUID("4f2d7c1e-59a3-4b8e-9d61-0c3b5a7e2f10")
MAX_WKT = 100_000


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS = [
    Column("reference", gettext_lazy("reference"), ("reference", "eingangsnummer")),
    Column("received", gettext_lazy("received"), ("received", "eingangsdatum"), required=True),
    Column("channel", gettext_lazy("channel"), ("channel", "eingangsweg")),
    Column("name", gettext_lazy("name"), ("name",)),
    Column("organisation", gettext_lazy("organisation"), ("organisation", "organization")),
    Column("street", gettext_lazy("street"), ("street", "straße", "strasse")),
    Column("postcode", gettext_lazy("postcode"), ("postcode", "plz")),
    Column("city", gettext_lazy("city"), ("city", "ort")),
    Column("email", gettext_lazy("e-mail"), ("email", "e-mail")),
    Column("text", gettext_lazy("text"), ("text", "stellungnahme"), required=True),
    Column("topics", gettext_lazy("topics"), ("topics", "themen")),
    Column("location", gettext_lazy("location"), ("location", "verortung")),
]
HEADERS = [c.key for c in COLUMNS]
#: Columns of the CSV export that the import accepts and ignores (round trip of an export).
IGNORED_HEADERS = {"plan", "phase", "late", "moderation"}
_BY_ALIAS = {alias: column for column in COLUMNS for alias in column.aliases}
CHANNELS = {
    "letter": Channel.LETTER, "brief": Channel.LETTER, "post": Channel.LETTER,
    "email": Channel.EMAIL, "e-mail": Channel.EMAIL, "mail": Channel.EMAIL,
    "minutes": Channel.MINUTES, "niederschrift": Channel.MINUTES,
    "import": Channel.IMPORT, "liste": Channel.IMPORT,
}
_LONLAT = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
_WKT = re.compile(r"^\s*(MULTI)?(POINT|LINESTRING|POLYGON)\b", re.IGNORECASE)
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S")


@dataclass
class RowProblem:
    row: int
    column: str  # a column key, or "" for the whole row
    message: str


@dataclass
class RowResult:
    row: int
    reference: str = ""       # the reference number given (stored) or handed out
    note: str = ""


@dataclass
class ImportReport:
    kind: str = ""
    problems: list[RowProblem] = field(default_factory=list)
    results: list[RowResult] = field(default_factory=list)
    stored: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def created(self) -> list[RowResult]:
        return [r for r in self.results if not r.note]

    @property
    def skipped(self) -> list[RowResult]:
        return [r for r in self.results if r.note]


@dataclass
class ParsedRow:
    row: int
    reference: str
    received_at: datetime
    channel: str
    submission: Submission


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split()) if not isinstance(value, str) else value.strip()
    return _unneutralised(text)


def _unneutralised(text: str) -> str:
    """Undo the apostrophe our CSV export puts before formula-like cells."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


def _map_header(header: list[str], problems: list[RowProblem]) -> dict[int, str]:
    positions: dict[int, str] = {}
    seen: set[str] = set()
    for index, title in enumerate(header):
        if not title:
            continue
        column = _BY_ALIAS.get(title.strip().lower())
        if column is None and title.strip().lower() in IGNORED_HEADERS:
            positions[index] = ""  # known, ignored
            continue
        if column is None:
            problems.append(RowProblem(1, title[:80], _("Unknown column “%(title)s”. Known columns: %(known)s.")
                                       % {"title": title[:80], "known": ", ".join(HEADERS)}))
        elif column.key in seen:
            problems.append(RowProblem(1, column.key, _("The column “%(title)s” appears twice.")
                                       % {"title": title[:80]}))
        else:
            seen.add(column.key)
            positions[index] = column.key
    for column in COLUMNS:
        if column.required and column.key not in seen:
            problems.append(RowProblem(1, column.key, _("The required column “%(key)s” is missing.")
                                       % {"key": column.key}))
    return positions


def _received_at(value, now: datetime) -> datetime:
    if isinstance(value, datetime):
        moment = value if timezone.is_aware(value) else timezone.make_aware(value)
    elif isinstance(value, date):
        moment = timezone.make_aware(datetime.combine(value, time(12)))
    else:
        text = _text(value)
        moment = None
        date_part, _sep, time_part = text.partition(" ")
        for date_format in _DATE_FORMATS:
            try:
                day = datetime.strptime(date_part, date_format).date()
            except ValueError:
                continue
            if not time_part:
                moment = timezone.make_aware(datetime.combine(day, time(12)))
                break
            for time_format in _TIME_FORMATS:
                try:
                    clock = datetime.strptime(time_part.strip(), time_format).time()
                except ValueError:
                    continue
                moment = timezone.make_aware(datetime.combine(day, clock))
                break
            break
        if moment is None:
            raise ValueError(_("“%(value)s” is not a date; write 2026-10-01 or 01.10.2026.")
                             % {"value": text[:40]})
    if timezone.localdate(moment) > timezone.localdate(now):
        raise ValueError(_("The date of receipt cannot be in the future."))
    # A date alone means "during that day": noon, but never later than now.
    return min(moment, now)


def parse_location(value) -> tuple[GEOSGeometry | None, str]:
    """(geometry in WGS84, "") for coordinates or WKT; (None, text) for an address."""
    text = _text(value)
    if not text:
        return None, ""
    match = _LONLAT.match(text)
    if match:
        lon, lat = float(match.group(1)), float(match.group(2))
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(_("The coordinates are not longitude/latitude in degrees."))
        return GEOSGeometry(f"POINT({lon} {lat})", srid=WGS84), ""
    if _WKT.match(text):
        if len(text) > MAX_WKT:
            raise ValueError(_("The geometry is too large."))
        try:
            geometry = GEOSGeometry(text, srid=WGS84)
        except (GEOSException, ValueError, TypeError) as exc:
            raise ValueError(_("The geometry is not valid WKT.")) from exc
        try:  # 2D, finite, in range: before any text writer sees it (issue #9)
            check_untrusted_geometry(geometry, max_vertices=MAX_LOCATION_VERTICES)
        except InputError as exc:
            raise ValueError(exc.message) from exc
        return geometry, ""
    if text.upper().startswith("SRID"):
        raise ValueError(_("Give the location as WKT in EPSG:4326 without an SRID prefix."))
    if len(text) > 500:
        raise ValueError(_("The description of the place is too long (at most 500 characters)."))
    return None, text


def _parse_row(number: int, cells: list, positions: dict[int, str], topics_offered: list[str],
               now: datetime, problems: list[RowProblem]) -> ParsedRow | None:
    values: dict[str, object] = {}
    for index, value in enumerate(cells):
        key = positions.get(index)
        if key:
            values[key] = value
        elif key == "":
            continue
        elif _text(value):
            problems.append(RowProblem(number, "", _("Column %(index)d has a value but no heading.")
                                       % {"index": index + 1}))
    before = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(RowProblem(number, column, str(message)))

    received_at = None
    if not _text(values.get("received")) and not isinstance(values.get("received"), date):
        problem("received", _("The date of receipt is missing."))
    else:
        try:
            received_at = _received_at(values.get("received"), now)
        except ValueError as exc:
            problem("received", str(exc))
    channel_text = _text(values.get("channel")).lower()
    channel = CHANNELS.get(channel_text or "import")
    if channel is None:
        problem("channel", _("Unknown channel “%(value)s”; use letter, email, minutes or import.")
                % {"value": channel_text[:40]})
    raw_text = values.get("text")
    text = (_unneutralised(raw_text.replace("\r\n", "\n").strip())
            if isinstance(raw_text, str) else _text(raw_text))
    if not text:
        problem("text", _("The text of the statement is missing."))
    elif len(text) > MAX_TEXT:
        problem("text", _("The text is too long (%(count)d characters; at most %(max)d).")
                % {"count": len(text), "max": MAX_TEXT})
    identity = {key: _text(values.get(key)) for key in
                ("name", "organisation", "street", "postcode", "city", "email")}
    postcode = identity["postcode"]
    if postcode.isdigit() and len(postcode) == 4:
        identity["postcode"] = postcode = postcode.zfill(5)  # a number cell lost its leading 0
    if postcode and not (postcode.isdigit() and len(postcode) == 5):
        problem("postcode", _("A German postcode has five digits."))
    if identity["email"]:
        try:
            validate_email(identity["email"])
        except ValidationError:
            problem("email", _("“%(value)s” is not an e-mail address.") % {"value": identity["email"][:80]})
    for key in ("name", "organisation", "street", "city"):
        if len(identity[key]) > 200:
            problem(key, _("At most 200 characters."))
    topics = [t.strip() for t in _text(values.get("topics")).split(";") if t.strip()]
    unknown = [t for t in topics if t not in topics_offered]
    if unknown:
        offered = ", ".join(topics_offered) or _("none")
        problem("topics", _("Unknown topic: %(topics)s. Topics of this phase: %(offered)s.")
                % {"topics": ", ".join(unknown), "offered": offered})
    try:
        location, location_text = parse_location(values.get("location"))
    except ValueError as exc:
        problem("location", str(exc))
        location, location_text = None, ""
    reference = _text(values.get("reference"))[:100]
    if len(problems) > before:
        return None
    anonymous = not any(identity[k] for k in ("name", "organisation", "street", "postcode", "city"))
    submission = Submission(
        text=text, topics=topics, location=location, location_text=location_text,
        identity=Identity(is_anonymous=anonymous, **identity),
    )
    return ParsedRow(number, reference, received_at, channel, submission)


def _idempotency_key(plan: Plan, reference: str) -> uuid.UUID:
    return uuid.uuid5(IMPORT_NAMESPACE, f"{plan.uid}:{reference}")


def _store(plan: Plan, phase: Phase, rows: list[ParsedRow], user, report: ImportReport) -> None:
    for row in rows:
        try:
            statement, created = create_statement(
                plan=plan, phase=phase, submission=row.submission, channel=row.channel,
                received_at=row.received_at, entered_by=user,
                idempotency_key=_idempotency_key(plan, row.reference) if row.reference else None,
            )
        except IdempotencyConflict:
            report.problems.append(RowProblem(row.row, "reference", _("A statement with the reference “%(reference)s” was imported before with different content.")
                                              % {"reference": row.reference}))
            continue
        except ValidationError as exc:
            for message in exc.messages:
                report.problems.append(RowProblem(row.row, "", message))
            continue
        note = "" if created else _("imported before as %(reference)s; skipped") % {
            "reference": statement.reference}
        report.results.append(RowResult(row.row, statement.reference, note))


def import_statements(*, plan: Plan, phase: Phase, table: Table, user,
                      dry_run: bool) -> ImportReport:
    """Validate (dry run) or store all rows of `table`; all or nothing."""
    report = ImportReport(kind=table.kind)
    if phase.procedure_id != plan.procedure_id:
        report.problems.append(RowProblem(0, "", _("This phase does not belong to the plan.")))
        return report
    positions = _map_header(table.header, report.problems)
    if report.problems:
        return report
    now = timezone.now()
    topics_offered = list(settings_for(phase).topics or [])
    parsed: list[ParsedRow] = []
    references: dict[str, int] = {}
    for number, cells in table.rows:
        row = _parse_row(number, cells, positions, topics_offered, now, report.problems)
        if row is None:
            continue
        if row.reference:
            if row.reference in references:
                report.problems.append(RowProblem(number, "reference", _("The reference “%(reference)s” appears twice (also in row %(row)d).")
                                                  % {"reference": row.reference, "row": references[row.reference]}))
                continue
            references[row.reference] = number
        parsed.append(row)
    with transaction.atomic():
        # Rows with problems are not stored, but the others still run through the service so
        # that the report lists every problem at once.
        _store(plan, phase, parsed, user, report)
        report.problems.sort(key=lambda p: (p.row, p.column))
        if dry_run or report.problems:
            transaction.set_rollback(True)
            report.results = [RowResult(r.row, "" if not r.note else r.reference, r.note)
                              for r in report.results]
        else:
            report.stored = True
    return report
