"""Public pages: the reporting form (no account), the receipt and a report's public status.

The module must be switched on for the authority (404 otherwise). Public pages never show the
reporter's personal data; the receipt shows it only to the session that sent the report.
"""

from django.contrib import messages
from django.contrib.gis.db.models.functions import Transform
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts_citizen.services.contributions import link_contribution
from accounts_citizen.services.profile import identity_initial
from portal import privacy_notices
from portal.embedding.routes import receipt_granted
from portal.geocoding import address_search_available
from portal.personal_data import personal_data
from portal.request_limits import accepts_attachments
from portal.throttling import CLIENT, throttle

from .. import selectors
from ..forms import ReportForm
from ..location import lat_lon, place_of, point_from_lat_lon
from ..models import ReportPhoto, Status
from ..services.reports import NewReport, Reporter, create_report
from ..services.support import support_report

SESSION_KEY = "submitted_incident_reports"


class _AskFirst(Exception):
    """Open reports of the same kind are near: show them before storing a new one."""


@never_cache
@accepts_attachments
@throttle(("incident-client", CLIENT))
def report_form(request, authority_slug):
    authority = selectors.authority_with_module(authority_slug)
    categories = selectors.active_categories(authority)
    form = ReportForm(request.POST or None, request.FILES or None, categories=categories,
                      initial=_initial(request, categories))
    # The authority's published privacy notice of this module (dataprotection), if any.
    notice = privacy_notices.current_for_module(authority, "incidents")
    notice_context = _notice_context(request, notice)
    if request.method == "POST" and form.is_valid() and notice is not None and request.POST.get(
            "privacy_notice_version") != str(notice.number):
        form.add_error(None, _("The data-protection notice was changed while you were writing. "
                               "Please read the current version (%(number)s) and confirm it "
                               "again.") % {"number": notice.number})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        nearby = []
        try:
            point = place_of(data["latitude"], data["longitude"], data["address"])
            already_sent = authority.incident_reports.filter(
                idempotency_key=data["idempotency_key"]).exists()  # a double submit: replay
            if not data["confirm_new"] and not already_sent:
                nearby = list(selectors.nearby_open_reports(data["category"], point))
            if nearby:
                raise _AskFirst
            report, _created = create_report(
                report=NewReport(
                    category=data["category"], location=point, description=data["description"],
                    address=data["address"], answers=form.answers(),
                    reporter=Reporter(name=data["name"], email=data["email"],
                                      phone=data["phone"])),
                photos=data["photos"], idempotency_key=data["idempotency_key"],
            )
        except _AskFirst:
            return render(request, "incidents/form.html", {
                "authority": authority, "form": form, "categories": categories,
                "map_config": _map_config(authority),
                "address_search": address_search_available(), "nearby": nearby,
                **notice_context})
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            privacy_notices.accepted(report, notice)
            # Signed in: listed under "Meine Beiträge" (accounts_citizen).
            link_contribution(user=request.user, kind="incident", object_uid=report.uid)
            submitted = request.session.get(SESSION_KEY, [])
            if str(report.uid) not in submitted:
                request.session[SESSION_KEY] = [*submitted, str(report.uid)][-50:]
            return redirect("incidents:receipt", authority_slug=authority.slug,
                            report_uid=report.uid)
    return render(request, "incidents/form.html",
                  {"authority": authority, "form": form, "categories": categories,
                   "map_config": _map_config(authority),
                   "address_search": address_search_available(), **notice_context},
                  status=400 if form.is_bound else 200)


def _notice_context(request, notice) -> dict:
    if notice is None:
        return {"notice": None}
    language = "en" if (request.LANGUAGE_CODE or "").startswith("en") else "de"
    return {"notice": notice, "notice_text": notice.text_for(language),
            "notice_language": language}


def _initial(request, categories) -> dict:
    """Category and place handed over from the nearby page or a QR label
    (?category=&latitude=&longitude=&address=);
    a signed-in citizen's name and e-mail from the profile."""
    profile = identity_initial(request.user)
    initial = {name: profile[name] for name in ("name", "email") if name in profile}
    category = request.GET.get("category", "")
    if category.isdigit() and categories.filter(pk=int(category)).exists():
        initial["category"] = int(category)
    for name in ("latitude", "longitude"):
        value = request.GET.get(name, "")[:40]
        if value:
            initial[name] = value
    address = " ".join(request.GET.get("address", "")[:300].split())  # e.g. a QR label's
    if address:
        initial["address"] = address
    return initial


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
    # Inside an embedded frame (no session cookie) a signed grant opens the receipt.
    if (str(report_uid) not in request.session.get(SESSION_KEY, [])
            and not receipt_granted(request, report_uid)):
        raise Http404
    report = (authority.incident_reports.select_related("category")
              .prefetch_related("photos").filter(uid=report_uid).first())
    if report is None:
        raise Http404
    latitude, longitude = lat_lon(report.location)
    return render(request, "incidents/receipt.html",
                  {"authority": authority, "report": report, "latitude": latitude,
                   "longitude": longitude})


def where(request):
    """State-wide entry: the place decides which authority's form opens (routing.py)."""
    from ..routing import responsible_authority

    error = None
    latitude, longitude = request.GET.get("latitude", ""), request.GET.get("longitude", "")
    if latitude or longitude:
        try:
            authority = responsible_authority(point_from_lat_lon(latitude, longitude))
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            query = QueryDict(mutable=True)
            query.update({"latitude": latitude[:40], "longitude": longitude[:40]})
            return redirect(reverse("incidents:form", args=[authority.slug]) + "?"
                            + query.urlencode())
    return render(request, "incidents/where.html",
                  {"error": error, "latitude": latitude[:40], "longitude": longitude[:40]},
                  status=400 if error else 200)


MAP_LIMIT = 500


def report_list(request, authority_slug):
    authority = selectors.authority_with_module(authority_slug)
    reports = selectors.public_reports(authority)
    page = Paginator(reports, 50).get_page(request.GET.get("seite"))
    return render(request, "incidents/list.html", {
        "authority": authority, "page": page,
        "map_config": {**_map_config(authority), "statements": _points(reports)}})


def _points(reports) -> dict:
    """The reports as GeoJSON points in WGS84 (reprojected in the database) for the map's
    tooltips: reference and status only, never personal data."""
    rows = (reports.annotate(wgs84=Transform("location", 4326))
            .values_list("reference", "status", "wgs84")[:MAP_LIMIT])
    labels = dict(Status.choices)
    return {"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(point.x, 6), round(point.y, 6)]},
        "properties": {"reference": reference, "decision_label": str(labels[status])},
    } for reference, status, point in rows]}


def report_detail(request, authority_slug, reference):
    authority = selectors.authority_with_module(authority_slug)
    return _detail_page(request, authority, selectors.public_report(authority, reference))


def _detail_page(request, authority, report, *, support_error: str = "", status: int = 200):
    return render(request, "incidents/detail.html", {
        "authority": authority, "report": report, "history": report.history.all(),
        "photos": report.photos.all(), "is_closed": report.status == Status.CLOSED,
        "supports": report.supports.count(), "support_error": support_error}, status=status)


def nearby(request, authority_slug):
    """Open reports of a category near a place: “is it one of these?” (HTML, or JSON for the
    form's script)."""
    authority = selectors.authority_with_module(authority_slug)
    categories = selectors.active_categories(authority)
    wants_json = request.GET.get("format") == "json"
    category_id = request.GET.get("category", "")
    category = (categories.filter(pk=int(category_id)).first()
                if category_id.isdigit() and len(category_id) < 19 else None)
    error, reports = None, []
    try:
        if category is None:
            raise ValidationError(_("Please choose a category."))
        point = point_from_lat_lon(request.GET.get("latitude"), request.GET.get("longitude"))
        reports = list(selectors.nearby_open_reports(category, point))
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if wants_json:
        if error:
            return JsonResponse({"detail": error}, status=400)
        return JsonResponse({"reports": [{
            "reference": r.reference, "category": r.category.name,
            "status": r.get_status_display(), "received": r.created_at.date().isoformat(),
            "url": reverse("incidents:detail", args=[authority.slug, r.reference]),
        } for r in reports]})
    new_report_url = reverse("incidents:form", args=[authority.slug])
    return render(request, "incidents/nearby.html", {
        "authority": authority, "reports": reports, "error": error, "category": category,
        "new_report_url": new_report_url, "query": request.GET.urlencode()},
        status=400 if error else 200)


@never_cache
@require_POST
@throttle(("incident-client", CLIENT))
def support(request, authority_slug, reference):
    authority = selectors.authority_with_module(authority_slug)
    report = selectors.public_report(authority, reference)
    if request.POST.get("me_too") != "1":  # the form's own field: an empty POST supports nothing
        return _detail_page(request, authority, report, status=400,
                            support_error=_("Please use the “Me too” button of the report."))
    try:
        _support, created = support_report(report=report, email=request.POST.get("email", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: your support was counted.") if created
                         else _("You already support this report."))
    return redirect("incidents:detail", authority_slug=authority.slug, reference=report.reference)


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
