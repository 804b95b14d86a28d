"""Reads: public (module on) and staff (scoped to the user's authorities; foreign is a 404)."""

from django.db.models import QuerySet
from django.http import Http404

from participation.incidents.models import Status
from portal.models import Authority, Role
from portal.tenancy import scoped_to_staff

from .apps import MODULE_CODE
from .models import Signpost, Trail, TrailReport

EDIT_ROLES = {Role.ADMIN, Role.PLANNER, Role.MODERATOR}


def authority_with_module(slug: str) -> Authority:
    authority = Authority.objects.filter(slug=slug, is_active=True).first()
    if authority is None or not authority.has_module(MODULE_CODE):
        raise Http404
    return authority


def staff_authorities(user, roles=None) -> list[Authority]:
    return [a for a in scoped_to_staff(Authority.objects.filter(is_active=True), user, roles)
            if a.has_module(MODULE_CODE)]


def staff_authorities_or_404(user, roles=None) -> list[Authority]:
    authorities = staff_authorities(user, roles)
    if not authorities:
        raise Http404
    return authorities


def staff_signpost(user, public_id: str, roles=None) -> Signpost:
    signpost = Signpost.objects.filter(authority__in=staff_authorities(user, roles),
                                       public_id=public_id).first()
    if signpost is None:
        raise Http404
    return signpost


def staff_trail(user, pk: int) -> Trail:
    trail = Trail.objects.filter(authority__in=staff_authorities(user), pk=pk).first()
    if trail is None:
        raise Http404
    return trail


def public_signpost(public_id: str) -> Signpost:
    signpost = (Signpost.objects.select_related("authority").prefetch_related("trails")
                .filter(public_id=public_id, authority__is_active=True).first())
    if signpost is None or not signpost.authority.has_module(MODULE_CODE):
        raise Http404
    return signpost


def open_reports_on(trail) -> QuerySet:
    return (TrailReport.objects.filter(trail=trail).exclude(report__status=Status.CLOSED)
            .select_related("report", "report__category", "signpost")
            .order_by("-report__created_at"))


def signpost_reports(signpost) -> QuerySet:
    return (TrailReport.objects.filter(signpost=signpost)
            .select_related("report", "report__category").order_by("-report__created_at"))
