"""Public pages: the reporting form (no account), the receipt and a report's public status.

The module must be switched on for the authority (404 otherwise). Public pages never show the
reporter's personal data; the receipt shows it only to the session that sent the report.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from portal.personal_data import personal_data
from portal.request_limits import accepts_attachments
from portal.throttling import CLIENT, throttle

from .. import selectors
from ..forms import ReportForm
from ..location import lat_lon, point_from_lat_lon
from ..models import ReportPhoto, Status
from ..services.reports import NewReport, Reporter, create_report

SESSION_KEY = "submitted_incident_reports"


@never_cache
@accepts_attachments
@throttle(("incident-client", CLIENT))
def report_form(request, authority_slug):
    authority = selectors.authority_with_module(authority_slug)
    categories = selectors.active_categories(authority)
    form = ReportForm(request.POST or None, request.FILES or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            point = point_from_lat_lon(data["latitude"], data["longitude"])
            report, _created = create_report(
                report=NewReport(
                    category=data["category"], location=point, description=data["description"],
                    address=data["address"], answers=form.answers(),
                    reporter=Reporter(name=data["name"], email=data["email"],
                                      phone=data["phone"])),
                photos=data["photos"], idempotency_key=data["idempotency_key"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            submitted = request.session.get(SESSION_KEY, [])
            if str(report.uid) not in submitted:
                request.session[SESSION_KEY] = [*submitted, str(report.uid)][-50:]
            return redirect("incidents:receipt", authority_slug=authority.slug,
                            report_uid=report.uid)
    return render(request, "incidents/form.html",
                  {"authority": authority, "form": form, "categories": categories,
                   "map_config": _map_config(authority)},
                  status=400 if form.is_bound else 200)


def _map_config(authority) -> dict:
    """The map starts on the authority's area ([minLon, minLat, maxLon, maxLat])."""
    if authority.jurisdiction is None:
        return {}
    extent = authority.jurisdiction.transform(4326, clone=True).extent
    return {"bounds": [round(value, 6) for value in extent]}


@never_cache
@personal_data
def receipt(request, authority_slug, report_uid):
    authority = selectors.authority_with_module(authority_slug)
    if str(report_uid) not in request.session.get(SESSION_KEY, []):
        raise Http404
    report = (authority.incident_reports.select_related("category")
              .prefetch_related("photos").filter(uid=report_uid).first())
    if report is None:
        raise Http404
    latitude, longitude = lat_lon(report.location)
    return render(request, "incidents/receipt.html",
                  {"authority": authority, "report": report, "latitude": latitude,
                   "longitude": longitude})


def report_list(request, authority_slug):
    authority = selectors.authority_with_module(authority_slug)
    page = Paginator(selectors.public_reports(authority), 50).get_page(request.GET.get("seite"))
    return render(request, "incidents/list.html", {"authority": authority, "page": page})


def report_detail(request, authority_slug, reference):
    authority = selectors.authority_with_module(authority_slug)
    report = selectors.public_report(authority, reference)
    return render(request, "incidents/detail.html", {
        "authority": authority, "report": report, "history": report.history.all(),
        "photos": report.photos.all(), "is_closed": report.status == Status.CLOSED})


def report_photo(request, authority_slug, reference, photo_uid):
    """The re-encoded photo (public, like the report; the upload itself is never stored)."""
    authority = selectors.authority_with_module(authority_slug)
    photo = ReportPhoto.objects.filter(uid=photo_uid, report__authority=authority,
                                       report__reference=reference).first()
    if photo is None:
        raise Http404
    response = FileResponse(photo.file.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
