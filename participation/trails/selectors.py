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


# Trail wardens (docs/trails.md "Wardens"): a warden sees the reports and signposts of the
# sections assigned to them; everything else (other sections, other authorities) is a 404.

def warden_or_404(user, authority_slug: str):
    from .models import Warden

    if not user.is_authenticated:
        raise Http404
    warden = (Warden.objects.select_related("authority")
              .filter(user=user, authority__slug=authority_slug, authority__is_active=True)
              .first())
    if warden is None or not warden.authority.has_module(MODULE_CODE):
        raise Http404
    return warden


def warden_roles(user) -> list:
    from .models import Warden

    if not user.is_authenticated:
        return []
    return [w for w in Warden.objects.select_related("authority")
            .filter(user=user, authority__is_active=True) if w.authority.has_module(MODULE_CODE)]


def warden_sections(warden) -> list:
    return list(warden.sections.select_related("trail").order_by("trail__name", "start_km"))


def warden_reports(warden, *, open_only: bool = False) -> list:
    """The trail reports in the warden's sections (with the sections that hold each)."""
    from .sections import sections_at

    sections = warden_sections(warden)
    trail_ids = {section.trail_id for section in sections}
    rows = (TrailReport.objects.filter(trail_id__in=trail_ids,
                                       report__authority=warden.authority)
            .select_related("report", "report__category", "trail", "signpost")
            .order_by("-report__created_at"))
    if open_only:
        rows = rows.exclude(report__status=Status.CLOSED)
    result = []
    for row in rows:
        row.in_sections = sections_at(row.trail, row.report.location, sections)
        if row.in_sections:
            result.append(row)
    return result


def warden_signposts(warden) -> list:
    from .sections import sections_at

    sections = warden_sections(warden)
    trails = {section.trail_id: section.trail for section in sections}
    result = []
    for signpost in (Signpost.objects.filter(authority=warden.authority,
                                             trails__in=list(trails)).distinct()
                     .prefetch_related("trails").order_by("number")):
        signpost.in_sections = [s for trail in signpost.trails.all() if trail.pk in trails
                                for s in sections_at(trails[trail.pk], signpost.location,
                                                     sections)]
        if signpost.in_sections:
            result.append(signpost)
    return result


def warden_report_or_404(warden, reference: str):
    for row in warden_reports(warden):
        if row.report.reference == reference:
            return row
    raise Http404


def warden_signpost_or_404(warden, public_id: str):
    for signpost in warden_signposts(warden):
        if signpost.public_id == public_id:
            return signpost
    raise Http404


def wardens_of(report) -> list:
    """The accepted wardens whose sections hold a trail report (for the new-report mail)."""
    from .models import TrailSection, Warden
    from .sections import sections_at

    trail_report = TrailReport.objects.select_related("trail").filter(report=report).first()
    if trail_report is None or trail_report.trail is None:
        return []
    sections = sections_at(trail_report.trail, report.location,
                           list(TrailSection.objects.filter(trail=trail_report.trail)))
    return list(Warden.objects.filter(authority_id=report.authority_id, user__isnull=False,
                                      sections__in=sections).select_related("user").distinct())
