"""The published results of a plan: for the public page, the JSON API and the GeoJSON.

Public means no personal data (SECURITY.md G1): no names, addresses, e-mails, no statement
text; the submitter's own description of the place only under the conditions of
text.location_words. A statement is shown by its public number (position in receipt order) and
its reference (which only its submitter knows from the receipt). Statements weighed as a group
(mass objections) appear once, with their count. Locations are reprojected to WGS84 in SQL.
"""

import json
from dataclasses import dataclass, field

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gis.srid import WGS84

from ..models import Decision, GroupKind, Plan, Statement, SubmitterKind
from ..selectors import published_plans
from ..statements.public_location import PUBLIC_LOCATION_DECIMALS
from ..weighing.results import StatementResult
from .readiness import plan_results
from .text import location_words, part_labels

GEOJSON_PRECISION = PUBLIC_LOCATION_DECIMALS  # about 10 m (statements/public_location.py)


@dataclass
class PublicPart:
    label: str
    decision: str
    decision_label: str
    reasoning: str
    plan_change: str


@dataclass
class PublicEntry:
    numbers: list[int]
    references: list[str]
    statement_ids: list[int]
    group_kind: str
    submitted_by: str
    submitted_by_label: str
    agency: str
    topics: list[str]
    location: str
    decision: str
    decision_label: str
    parts: list[PublicPart] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.numbers[0]

    @property
    def count(self) -> int:
        return len(self.numbers)

    @property
    def numbers_label(self) -> str:
        return number_ranges(self.numbers)

    @property
    def reasoning(self) -> str:
        if len(self.parts) == 1:
            return self.parts[0].reasoning
        return "\n\n".join(f"{p.label}: {p.reasoning}" for p in self.parts if p.reasoning)

    @property
    def plan_change(self) -> str:
        if len(self.parts) == 1:
            return self.parts[0].plan_change
        return "\n\n".join(f"{p.label}: {p.plan_change}" for p in self.parts if p.plan_change)

    @property
    def group_label(self) -> str:
        if self.group_kind == GroupKind.IDENTICAL:
            return ngettext("%(count)s identical statement (mass objection)",
                            "%(count)s identical statements (mass objection)",
                            self.count) % {"count": self.count}
        if self.group_kind == GroupKind.SIMILAR:
            return ngettext("%(count)s similar statement weighed together",
                            "%(count)s similar statements weighed together",
                            self.count) % {"count": self.count}
        return ""


def number_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7, 9, 10] -> "1–3, 7, 9–10"."""
    ranges, start, previous = [], None, None
    for n in sorted(numbers):
        if start is None:
            start = previous = n
        elif n == previous + 1:
            previous = n
        else:
            ranges.append((start, previous))
            start = previous = n
    if start is not None:
        ranges.append((start, previous))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


def published_results_plans() -> QuerySet[Plan]:
    """Published plans whose results were released for publication."""
    return published_plans().filter(result_release__publish=True).select_related(
        "result_release")


def plan_with_published_results(*, uid, authority_slug: str | None = None) -> Plan:
    """Raises Plan.DoesNotExist unless the plan and its results are public."""
    plans = published_results_plans()
    if authority_slug is not None:
        plans = plans.filter(authority__slug=authority_slug)
    return plans.get(uid=uid)


def _submitted_by(statement: Statement) -> tuple[str, str, str]:
    if statement.submitter_kind == SubmitterKind.AGENCY:
        name = statement.agency.name if statement.agency is not None else ""
        return SubmitterKind.AGENCY, str(SubmitterKind.AGENCY.label), name
    return SubmitterKind.PUBLIC, str(SubmitterKind.PUBLIC.label), ""


def _single(number: int, result: StatementResult) -> PublicEntry:
    statement = result.statement
    kind, kind_label, agency = _submitted_by(statement)
    labels = part_labels(result)
    return PublicEntry(
        numbers=[number], references=[statement.reference], statement_ids=[statement.pk],
        group_kind="", submitted_by=kind, submitted_by_label=kind_label, agency=agency,
        topics=[t for t in statement.topics or [] if isinstance(t, str)],
        location=location_words(statement, public=True),
        decision=result.decision, decision_label=result.decision_label,
        parts=[PublicPart(label, p.decision, p.decision_label, p.reasoning, p.plan_change)
               for label, p in zip(labels, result.parts, strict=True)],
    )


def _group(members: list[tuple[int, StatementResult]]) -> PublicEntry:
    first = members[0][1]
    group = first.statement.group
    kinds = {_submitted_by(r.statement)[:2] for _, r in members}
    kind, kind_label = kinds.pop() if len(kinds) == 1 else ("mixed", _("several kinds"))
    agencies = sorted({_submitted_by(r.statement)[2] for _, r in members} - {""})
    topics = sorted({t for _, r in members for t in (r.statement.topics or [])
                     if isinstance(t, str)})
    located = sum(1 for _, r in members if r.statement.location is not None)
    location = (ngettext("%(count)s place marked on the map", "%(count)s places marked on the map",
                         located) % {"count": located}) if located else ""
    part = first.parts[0]
    return PublicEntry(
        numbers=[n for n, _ in members], references=[r.statement.reference for _, r in members],
        statement_ids=[r.statement.pk for _, r in members], group_kind=group.kind,
        submitted_by=kind, submitted_by_label=kind_label, agency=", ".join(agencies),
        topics=topics, location=location, decision=first.decision,
        decision_label=first.decision_label,
        parts=[PublicPart("", part.decision, part.decision_label, part.reasoning,
                          part.plan_change)],
    )


def public_results(plan: Plan, results: list[StatementResult] | None = None
                   ) -> list[PublicEntry]:
    """One entry per statement, or per group of statements weighed together, in the order of
    their first receipt."""
    results = plan_results(plan) if results is None else results
    entries: list[tuple[int, PublicEntry | list]] = []
    groups: dict[int, list] = {}
    for number, result in enumerate(results, start=1):
        group_id = result.statement.group_id
        if group_id:
            if group_id not in groups:
                groups[group_id] = []
                entries.append((number, groups[group_id]))
            groups[group_id].append((number, result))
        else:
            entries.append((number, _single(number, result)))
    return [_group(item) if isinstance(item, list) else item for _, item in entries]


def decision_counts(entries: list[PublicEntry]) -> list[dict]:
    counts = dict.fromkeys(Decision.values, 0)
    for entry in entries:
        if entry.decision in counts:
            counts[entry.decision] += entry.count
    return [{"decision": value, "label": str(Decision(value).label), "count": counts[value]}
            for value in Decision.values]


def location_geometries(plan: Plan) -> dict[int, dict]:
    """Statement id -> GeoJSON geometry in WGS84, reprojected by the database."""
    rows = (Statement.objects.filter(plan=plan, location__isnull=False)
            .annotate(wgs84=AsGeoJSON(Transform("location", WGS84),
                                      precision=GEOJSON_PRECISION))
            .values_list("pk", "wgs84"))
    return {pk: json.loads(value) for pk, value in rows if value}


def _combine(geometries: list[dict]) -> dict:
    if len(geometries) == 1:
        return geometries[0]
    if all(g["type"] == "Point" for g in geometries):
        return {"type": "MultiPoint", "coordinates": [g["coordinates"] for g in geometries]}
    return {"type": "GeometryCollection", "geometries": geometries}


def entry_properties(entry: PublicEntry) -> dict:
    return {
        "number": entry.number,
        "numbers": entry.numbers_label,
        "count": entry.count,
        "references": entry.references,
        "group": entry.group_kind or None,
        "submitted_by": entry.submitted_by,
        "agency": entry.agency or None,
        "topics": entry.topics,
        "location": entry.location,
        "decision": entry.decision,
        "decision_label": entry.decision_label,
        "reasoning": entry.reasoning,
        "plan_change": entry.plan_change,
    }


def public_results_geojson(plan: Plan, entries: list[PublicEntry] | None = None) -> dict:
    """A FeatureCollection (WGS84): one feature per entry that has a location; a group's
    members' places form one MultiPoint (or GeometryCollection)."""
    entries = public_results(plan) if entries is None else entries
    geometries = location_geometries(plan)
    features = []
    for entry in entries:
        shapes = [geometries[pk] for pk in entry.statement_ids if pk in geometries]
        if not shapes:
            continue
        features.append({"type": "Feature", "id": entry.number, "geometry": _combine(shapes),
                         "properties": entry_properties(entry)})
    return {"type": "FeatureCollection", "features": features}

