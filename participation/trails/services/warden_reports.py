"""A trail warden's report (online or queued offline on the phone): the incident module's
one write path (participation.incidents.services.reports.create_report) with

- the idempotency key created on the device (a UUID): the incident report's unique
  (authority, idempotency_key) constraint makes a retry answer with the report already stored,
  a concurrent retry included; the same key with other content is refused;
- only an active trail category of the warden's authority, only a signpost of the warden's
  own sections (its place and "Signpost <ID>" then stand for the place);
- the warden's account as the reporter (name and e-mail), and the report linked to the
  account ("Meine Beiträge"; forgotten with the account like any citizen's report).
"""

from django.utils.translation import gettext as _

from accounts_citizen.services.contributions import link_contribution
from participation.incidents.errors import ReportRefused
from participation.incidents.location import point_from_lat_lon
from participation.incidents.services.reports import NewReport, Reporter, create_report

from .. import selectors


def submit_warden_report(*, warden, category, signpost_id: str, latitude: str,
                         longitude: str, description: str, photos, idempotency_key):
    """(report, created). Raises ReportRefused (a ValidationError) with a message."""
    if category.authority_id != warden.authority_id or not hasattr(category, "trail_category"):
        raise ReportRefused(_("This category is not available."))
    address = ""
    if signpost_id:
        signposts = {s.public_id: s for s in selectors.warden_signposts(warden)}
        signpost = signposts.get(signpost_id)
        if signpost is None:
            raise ReportRefused(_("This signpost is not in your sections."))
        from ..views.public import signpost_place

        address = signpost_place(signpost)
        point = (point_from_lat_lon(latitude, longitude) if latitude and longitude
                 else signpost.location)
    else:
        point = point_from_lat_lon(latitude, longitude)
    user = warden.user
    reporter = Reporter(name=user.get_full_name() or user.get_username(),
                        email=user.email or warden.email)
    report, created = create_report(
        report=NewReport(category=category, location=point, description=description,
                         address=address, reporter=reporter),
        photos=photos, idempotency_key=idempotency_key)
    link_contribution(user=user, kind="incident", object_uid=report.uid)
    return report, created
