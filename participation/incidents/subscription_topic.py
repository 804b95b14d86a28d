"""Incident reports as a topic of the geo-subscriptions (participation/subscriptions): a new
report inside a subscribed area, and a report there being resolved. The texts name only the
category, the reference number, the status and the authority: never the reporter, the
description or the address (written by the reporter, they may name people)."""

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.subscriptions.topics import Event, Topic, register

from .apps import MODULE_CODE
from .models import IncidentReport, Status, StatusChange

REPORTS = "reports"


def _event(report: IncidentReport, *, key: str, when: datetime, title: str,
           summary: str) -> Event:
    return Event(key=key, topic=REPORTS, happened_at=when, title=title, summary=summary,
                 url=reverse("incidents:detail", args=[report.authority.slug, report.reference]),
                 geometry=report.location, authority_slug=report.authority.slug,
                 authority_name=report.authority.name)


def _visible(reports, area, authority):
    reports = reports.filter(authority__is_active=True, duplicate_of__isnull=True)
    if authority is not None:
        reports = reports.filter(authority=authority)
    if area is not None:
        reports = reports.filter(location__intersects=area)
    return reports.select_related("authority", "category")


def report_events(since: datetime, until: datetime, *, area=None, authority=None) -> list[Event]:
    events = []
    new = _visible(IncidentReport.objects.filter(created_at__gt=since, created_at__lte=until),
                   area, authority)
    for report in new:
        if not report.authority.has_module(MODULE_CODE):
            continue
        events.append(_event(
            report, key=f"incident-new:{report.pk}", when=report.created_at,
            title=_("New incident report: %(category)s (%(reference)s)") % {
                "category": report.category.name, "reference": report.reference},
            summary=_("%(authority)s has received a report of the kind “%(category)s”.") % {
                "authority": report.authority.name, "category": report.category.name}))
    closed = (StatusChange.objects.filter(status=Status.CLOSED, changed_at__gt=since,
                                          changed_at__lte=until)
              .filter(report__in=_visible(IncidentReport.objects.all(), area, authority)))
    for change in closed.select_related("report__authority", "report__category"):
        report = change.report
        if not report.authority.has_module(MODULE_CODE):
            continue
        events.append(_event(
            report, key=f"incident-closed:{change.pk}", when=change.changed_at,
            title=_("Incident report resolved: %(category)s (%(reference)s)") % {
                "category": report.category.name, "reference": report.reference},
            summary=_("%(authority)s has closed the report.") % {
                "authority": report.authority.name}))
    return events


def register_topic() -> None:
    register(Topic(REPORTS, gettext_lazy("Incident reports (new and resolved)"), report_events))
