"""The retention run: per authority and data type, what the effective rule makes due.

Guarantees (tested in tests/dataprotection/test_retention.py):
- exactly the rows the rules make due are changed, nothing else; the statement text, its
  sections and the weighing stay (anonymised);
- a dry run reports the counts the real run at the same moment then reports;
- idempotent: a second run at the same moment changes nothing (every `due` query only finds
  rows that still hold personal data);
- each authority and type runs in its own transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from portal.models import Authority

from .data_types import DataType, data_types
from .models import RetentionRule


@dataclass(frozen=True)
class EffectiveRule:
    data_type: DataType
    months: int
    is_active: bool
    is_default: bool


def effective_rules(authority) -> list[EffectiveRule]:
    """The authority's rule per registered type, or the type's default."""
    saved = {rule.data_type: rule for rule in RetentionRule.objects.filter(authority=authority)}
    rules = []
    for data_type in data_types():
        rule = saved.get(data_type.code)
        if rule is None:
            rules.append(EffectiveRule(data_type, data_type.default_months, True, True))
        else:
            rules.append(EffectiveRule(data_type, rule.months, rule.is_active, False))
    return rules


def months_before(moment: datetime, months: int) -> datetime:
    """The same wall-clock moment `months` calendar months earlier (end of month clamped)."""
    local = timezone.localtime(moment)
    index = local.year * 12 + local.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in (local.day, 30, 29, 28):
        try:
            return local.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)


def apply_retention(*, authorities=None, now: datetime | None = None,
                    dry_run: bool = False) -> dict:
    """Run (or with `dry_run` only count) the retention rules; returns
    {authority slug: {data type code: count}} for every authority and active type."""
    now = now or timezone.now()
    authorities = authorities if authorities is not None else Authority.objects.all()
    report = {}
    for authority in authorities.order_by("slug"):
        counts = {}
        for rule in effective_rules(authority):
            if not rule.is_active:
                continue
            due = rule.data_type.due(authority, months_before(now, rule.months))
            if dry_run:
                counts[rule.data_type.code] = due.count()
            else:
                with transaction.atomic():
                    counts[rule.data_type.code] = rule.data_type.apply(due)
        report[authority.slug] = counts
    return report
