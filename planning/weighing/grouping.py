"""Mass objections and similar statements.

- Identical texts (same normalised hash, planning/statements/normalise.py) are grouped
  automatically: `group_identical(plan)` is idempotent and adds newcomers to their group.
- Similar statements are *suggested* (Jaccard similarity of word pairs ("shingles", robust
  against inserted words, but not fooled by texts that merely share a vocabulary) plus spatial
  proximity); a planner confirms a suggestion (`confirm_group`) or splits a group
  (`remove_from_group`).
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from ..models import GroupKind, Statement, StatementGroup
from ..statements.normalise import normalise_text

MIN_IDENTICAL = 2
SIMILARITY_THRESHOLD = 0.5
NEARBY_METRES = 300.0
MAX_COMPARED = 3000


@transaction.atomic
def group_identical(*, plan, user=None) -> list[StatementGroup]:
    hashes = (
        Statement.objects.filter(plan=plan).exclude(text_hash="")
        .values("text_hash").annotate(n=Count("pk")).filter(n__gte=MIN_IDENTICAL)
        .values_list("text_hash", flat=True)
    )
    groups = []
    for text_hash in hashes:
        members = Statement.objects.filter(plan=plan, text_hash=text_hash)
        group = StatementGroup.objects.filter(plan=plan, kind=GroupKind.IDENTICAL,
                                              text_hash=text_hash).first()
        if group is None:
            first = members.order_by("received_at", "pk").first()
            group = StatementGroup.objects.create(
                authority=plan.authority, plan=plan, kind=GroupKind.IDENTICAL,
                text_hash=text_hash, created_by=user,
                title=_("Identical text: %(start)s…") % {"start": first.text[:60]},
            )
        # Statements the planner moved out of a group on purpose keep their own weighing.
        members.filter(group__isnull=True).exclude(
            sections__isnull=False).update(group=group)
        groups.append(group)
    return groups


_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, str]]:
    words = _WORD.findall(normalise_text(text))
    return set(zip(words, words[1:], strict=False))


def similarity(a: str, b: str) -> float:
    ta, tb = _shingles(a), _shingles(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


@dataclass(frozen=True)
class Suggestion:
    first: Statement
    second: Statement
    score: float
    distance_m: float | None


def suggest_similar(*, plan, threshold: float = SIMILARITY_THRESHOLD) -> list[Suggestion]:
    """Pairs of ungrouped statements with similar texts that are also near each other (or
    both without a location)."""
    candidates = list(
        Statement.objects.filter(plan=plan, group__isnull=True, no_concerns=False)
        .order_by("pk")[:MAX_COMPARED]
    )
    grams = {s.pk: _shingles(s.text) for s in candidates}
    suggestions = []
    for i, first in enumerate(candidates):
        for second in candidates[i + 1:]:
            if first.text_hash and first.text_hash == second.text_hash:
                continue  # identical: grouped automatically
            a, b = grams[first.pk], grams[second.pk]
            if not a or not b:
                continue
            # Cheap bound before the full Jaccard: sizes must be comparable.
            if min(len(a), len(b)) / max(len(a), len(b)) < threshold:
                continue
            score = len(a & b) / len(a | b)
            if score < threshold:
                continue
            distance = None
            if first.location is not None and second.location is not None:
                distance = first.location.distance(second.location)
                if distance > NEARBY_METRES:
                    continue
            elif (first.location is None) != (second.location is None):
                continue
            suggestions.append(Suggestion(first, second, round(score, 3), distance))
    return sorted(suggestions, key=lambda s: -s.score)


@transaction.atomic
def confirm_group(*, statements: list[Statement], title: str, user=None) -> StatementGroup:
    statements = list(statements)
    if len(statements) < 2:
        raise ValidationError(_("A group needs at least two statements."))
    plans = {s.plan_id for s in statements}
    if len(plans) != 1:
        raise ValidationError(_("Only statements on the same plan can be grouped."))
    if any(s.sections.exists() for s in statements):
        raise ValidationError(_("A statement split into sections cannot be grouped."))
    existing = {s.group_id for s in statements if s.group_id}
    if existing:
        raise ValidationError(_("Some statements already belong to a group; remove them from it first."))
    plan = statements[0].plan
    group = StatementGroup.objects.create(authority=plan.authority, plan=plan,
                                          kind=GroupKind.SIMILAR, title=title[:200] or
                                          _("Similar statements"), created_by=user)
    Statement.objects.filter(pk__in=[s.pk for s in statements]).update(group=group)
    return group


@transaction.atomic
def remove_from_group(*, statement: Statement, user=None) -> None:
    """Take a statement out of its group: from now on it is weighed on its own."""
    group = statement.group
    if group is None:
        return
    Statement.objects.filter(pk=statement.pk).update(group=None, text_hash="")
    statement.group = None
    if not group.statements.exists():
        group.delete()
