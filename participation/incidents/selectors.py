"""Reads of the module: public (module on, no personal data) and staff (scoped to the user's
authorities: a foreign report is not found)."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from portal.models import Authority
from portal.tenancy import scoped_to_staff

from .apps import MODULE_CODE
from .models import IncidentCategory, IncidentReport, Status

NEARBY_RADIUS_M = 50.0


def authority_with_module(slug: str) -> Authority:
    """The active authority with the module switched on; Http404 otherwise."""
    authority = Authority.objects.filter(slug=slug, is_active=True).first()
    if authority is None or not authority.has_module(MODULE_CODE):
        raise Http404
    return authority


def active_categories(authority) -> QuerySet:
    return IncidentCategory.objects.filter(authority=authority, is_active=True).prefetch_related(
        "questions")


def public_report(authority, reference: str) -> IncidentReport:
    report = (IncidentReport.objects.select_related("category", "authority")
              .prefetch_related("photos", "history")
              .filter(authority=authority, reference=reference).first())
    if report is None:
        raise Http404
    return report


def public_reports(authority, *, recent_days: int = 30) -> QuerySet:
    """Open reports and those closed in the last `recent_days`, newest first."""
    since = timezone.now() - timedelta(days=recent_days)
    return (IncidentReport.objects.filter(authority=authority)
            .filter(~Q(status=Status.CLOSED) | Q(updated_at__gte=since))
            .select_related("category").order_by("-created_at", "-pk"))


def nearby_open_reports(category, point, *, radius_m: float = NEARBY_RADIUS_M) -> QuerySet:
    """Open reports of the same category within radius_m of `point` (storage SRID, metres)."""
    return (IncidentReport.objects.filter(category=category)
            .exclude(status=Status.CLOSED)
            .filter(location__dwithin=(point, radius_m))
            .select_related("category", "authority").order_by("-created_at")[:10])


def reports_for_staff(user) -> QuerySet:
    """Reports of the authorities where the user has a role (and the module is on)."""
    reports = scoped_to_staff(IncidentReport.objects.all(), user)
    return reports.select_related("category", "authority")


def staff_authorities(user) -> list[Authority]:
    return [a for a in scoped_to_staff(Authority.objects.filter(is_active=True), user)
            if a.has_module(MODULE_CODE)]
