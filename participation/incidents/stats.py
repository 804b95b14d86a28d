"""Figures of the incident reports for a report to the authority's management: counts by
status and category, median time to acknowledge (first change after receipt) and to resolve
(first closing), and the reports overdue by their category's due time."""

from datetime import datetime, timedelta
from statistics import median

from django.utils import timezone

from .models import IncidentReport, Status


def is_overdue(report: IncidentReport, now: datetime | None = None) -> bool:
    days = report.category.due_days
    if days is None or report.status == Status.CLOSED:
        return False
    return report.created_at + timedelta(days=days) < (now or timezone.now())


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600, 2)


def incident_figures(*, authority=None, since: datetime | None = None,
                     now: datetime | None = None) -> dict:
    now = now or timezone.now()
    reports = IncidentReport.objects.select_related("category", "authority").prefetch_related(
        "history")
    if authority is not None:
        reports = reports.filter(authority=authority)
    if since is not None:
        reports = reports.filter(created_at__gte=since)
    by_status: dict[str, int] = dict.fromkeys(Status.values, 0)
    by_category: dict[str, int] = {}
    acknowledge, resolve, overdue = [], [], []
    for report in reports:
        by_status[report.status] += 1
        key = f"{report.authority.slug}/{report.category.service_code}"
        by_category[key] = by_category.get(key, 0) + 1
        changes = list(report.history.all())[1:]  # the first entry is the receipt
        if changes:
            acknowledge.append(changes[0].changed_at - report.created_at)
        closed = next((c for c in changes if c.status == Status.CLOSED), None)
        if closed is not None:
            resolve.append(closed.changed_at - report.created_at)
        if is_overdue(report, now):
            overdue.append(report.reference)
    return {
        "authority": authority.slug if authority is not None else None,
        "since": since.isoformat() if since else None,
        "total": sum(by_status.values()),
        "by_status": by_status,
        "by_category": dict(sorted(by_category.items())),
        "median_hours_to_acknowledge": _hours(median(acknowledge)) if acknowledge else None,
        "median_hours_to_resolve": _hours(median(resolve)) if resolve else None,
        "overdue": sorted(overdue),
    }
