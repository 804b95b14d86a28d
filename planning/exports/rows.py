"""The common row builder of all weighing-table exports.

Every format reads the same `Entry` objects, one per statement in the order of receipt, built
from the one read model of the weighing (planning.weighing.results.statement_results). The
statements are read in chunks so that memory stays bounded and progress can be reported.

Tenancy: the scope is always the plan *and* its authority; a plan of another authority or a
phase of another procedure is refused (ExportError), never silently widened.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.gis.db.models.functions import PointOnSurface, Transform
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gis.srid import WGS84

from ..models import GroupKind, ModerationState, Statement
from ..models.export_job import ExportVariant
from ..statements.location_text import location_summary
from ..weighing.results import statement_results
from .submitters import Redactor, SubmitterNumbers, internal_label, personal_data, place

CHUNK_SIZE = 500
PROGRESS_EVERY = 100

Progress = Callable[[int, int], None]


class ExportError(Exception):
    """An export that cannot be made as asked; the message is shown to staff."""


@dataclass(frozen=True)
class ExportScope:
    authority: object
    plan: object
    phase: object | None = None

    def statements(self) -> QuerySet[Statement]:
        if self.plan.authority_id != self.authority.pk:
            raise ExportError(_("The plan does not belong to this authority."))
        queryset = Statement.objects.filter(authority=self.authority, plan=self.plan)
        if self.phase is not None:
            if self.plan.procedure_id is None or self.phase.procedure_id != self.plan.procedure_id:
                raise ExportError(_("The phase does not belong to the procedure of this plan."))
            queryset = queryset.filter(phase=self.phase)
        return queryset


@dataclass
class PartRow:
    label: str
    text: str
    decision: str
    decision_label: str
    reasoning: str
    plan_change: str


@dataclass
class Member:
    """A further statement of a mass objection (printed once)."""

    reference: str
    submitter: str


@dataclass
class Entry:
    number: int
    pk: int
    reference: str
    received_at: datetime
    phase: str
    submitter_kind: str
    channel: str
    late: bool
    submitter: str
    personal: dict[str, str] | None
    topics: list[str]
    location: str
    group_title: str
    group_kind: str
    decision: str
    decision_label: str
    parts: list[PartRow]
    geometry: object = None
    further: list[Member] = field(default_factory=list)

    @property
    def reasoning(self) -> str:
        """All reasons of the statement (one per weighed part)."""
        if len(self.parts) == 1:
            return self.parts[0].reasoning
        return "\n".join(f"{p.label}: {p.reasoning}" for p in self.parts if p.reasoning)

    @property
    def plan_change(self) -> str:
        if len(self.parts) == 1:
            return self.parts[0].plan_change
        return "\n".join(f"{p.label}: {p.plan_change}" for p in self.parts if p.plan_change)


def location_reference(statement) -> str:
    """Where the statement points to, in words (the receipt's wording; the WGS84 point was
    computed in SQL)."""
    return location_summary(statement, point=getattr(statement, "export_point", None))


def _base_queryset(statements: QuerySet, geometry_srid: int | None,
                   location_text: bool) -> QuerySet:
    queryset = (
        statements.select_related("agency", "plan_feature__layer", "document")
        .defer("fingerprint", "plan__area", "authority__jurisdiction",
               "agency__responsibility_area", "plan_feature__geometry",
               "plan_feature__attributes")
        .order_by("received_at", "pk")
    )
    if location_text:
        queryset = queryset.annotate(export_point=Transform(PointOnSurface("location"), WGS84))
    if geometry_srid is not None:
        queryset = queryset.annotate(export_geometry=Transform("location", geometry_srid))
    return queryset


def _identical_members(statements: QuerySet, variant: str) -> dict[int, list[Member]]:
    """Members of the mass objections in scope, per group, in the order of receipt."""
    members: dict[int, list[Member]] = {}
    rows = (statements.filter(group__kind=GroupKind.IDENTICAL)
            .select_related("agency").only("pk", "reference", "group_id", "agency__name",
                                           "name", "organisation", "postcode", "city")
            .order_by("received_at", "pk"))
    for statement in rows.iterator(chunk_size=2000):
        # Public: the reference numbers only.
        label = internal_label(statement) if variant == ExportVariant.INTERNAL else ""
        members.setdefault(statement.group_id, []).append(Member(statement.reference, label))
    return members


def _entry(result, number: int, variant: str, numbers: SubmitterNumbers,
           location_text: bool) -> Entry:
    statement = result.statement
    public = variant == ExportVariant.PUBLIC
    redact = Redactor.for_statement(statement) if public else (lambda text: text or "")
    whole_text = statement.text
    if public and statement.moderation == ModerationState.APPROVED and statement.public_text:
        whole_text = statement.public_text  # the text staff cleaned for public display
    parts = []
    for part in result.parts:
        text = whole_text if part.text == statement.text else part.text
        parts.append(PartRow(
            label=redact(part.label), text=redact(text), decision=part.decision,
            decision_label=str(part.decision_label), reasoning=redact(part.reasoning),
            plan_change=redact(part.plan_change)))
    group = statement.group
    return Entry(
        number=number, pk=statement.pk, reference=statement.reference,
        received_at=timezone.localtime(statement.received_at),
        phase=statement.phase.display_title,
        submitter_kind=statement.get_submitter_kind_display(),
        channel=statement.get_channel_display(), late=statement.is_late,
        submitter=numbers.pseudonym(statement.pk) if public else internal_label(statement),
        personal=None if public else personal_data(statement),
        topics=[str(topic) for topic in statement.topics or []],
        location=redact(location_reference(statement)) if location_text else "",
        group_title=redact(group.title) if group else "",
        group_kind=group.kind if group else "",
        decision=result.decision, decision_label=str(result.decision_label), parts=parts,
        geometry=getattr(statement, "export_geometry", None),
    )


def build_entries(scope: ExportScope, *, variant: str, geometry_srid: int | None = None,
                  collapse_identical: bool = False, location_text: bool = True,
                  progress: Progress | None = None) -> Iterator[Entry]:
    """The entries of the weighing table, one per statement in the order of receipt.

    With `collapse_identical`, a mass objection (group of identical texts) yields one entry at
    its first statement, whose `further` lists the other statements; the others are skipped.
    `progress(done, total)` is called every PROGRESS_EVERY statements and at the end.
    """
    statements = scope.statements()
    numbers = SubmitterNumbers(statements)
    ids = list(statements.order_by("received_at", "pk").values_list("pk", flat=True))
    total = len(ids)
    members = _identical_members(statements, variant) if collapse_identical else {}
    printed_groups: set[int] = set()
    base = _base_queryset(statements, geometry_srid, location_text)
    done = 0
    if progress:
        progress(0, total)
    for start in range(0, total, CHUNK_SIZE):
        chunk = ids[start:start + CHUNK_SIZE]
        for result in statement_results(base.filter(pk__in=chunk)):
            done += 1
            statement = result.statement
            if statement.group_id in members:
                if statement.group_id in printed_groups:
                    _tick(progress, done, total)
                    continue
                printed_groups.add(statement.group_id)
                entry = _entry(result, done, variant, numbers, location_text)
                entry.further = [m for m in members[statement.group_id]
                                 if m.reference != statement.reference]
            else:
                entry = _entry(result, done, variant, numbers, location_text)
            yield entry
            _tick(progress, done, total)
    if progress and total % PROGRESS_EVERY:
        progress(total, total)


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress and done % PROGRESS_EVERY == 0:
        progress(done, total)


__all__ = ["Entry", "ExportError", "ExportScope", "Member", "PartRow", "build_entries",
           "location_reference", "place"]
