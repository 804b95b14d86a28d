"""The trail wardens' pages (/wegewart/): a signed-in citizen account with a Warden record of
the authority. A warden sees and updates only the reports and signposts of their sections;
another warden's sections and other authorities are a 404 (selectors.warden_*).

The report page is also the offline app (manifest and service worker in static/trails/): the
script queues reports in IndexedDB and sends each with its device-made idempotency key to
`submit`, which answers a retry with the report already stored.
"""

import json
import uuid
from functools import wraps
from pathlib import Path

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from participation.incidents.errors import ReportRefused
from participation.incidents.location import lat_lon
from participation.incidents.models import IncidentCategory
from participation.incidents.services.status import change_status
from portal.request_limits import accepts_attachments

from .. import selectors
from ..services.signposts import save_signpost
from ..services.warden_reports import submit_warden_report
from ..services.wardens import accept_invitation, record_inspection
from ..warden_forms import InspectionForm, WardenReportForm, WardenSignpostForm, WardenStatusForm


def citizen_login_required(view):
    """Signed-in users only; others go to the citizens' sign-in (allauth) and come back."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(reverse("account_login") + "?" + urlencode(
                {"next": request.get_full_path()}))
        return view(request, *args, **kwargs)
    return wrapper


@never_cache
@citizen_login_required
def home(request):
    return render(request, "trails/warden/home.html",
                  {"roles": selectors.warden_roles(request.user)})


@never_cache
@citizen_login_required
def invitation(request, token):
    error = None
    if request.method == "POST":
        try:
            warden = accept_invitation(token=token, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("You are now a trail warden of %(authority)s.")
                             % {"authority": warden.authority.name})
            return redirect("trails_warden:dashboard", authority_slug=warden.authority.slug)
    return render(request, "trails/warden/invitation.html", {"error": error},
                  status=400 if error else 200)


@never_cache
@citizen_login_required
def dashboard(request, authority_slug):
    warden = selectors.warden_or_404(request.user, authority_slug)
    return render(request, "trails/warden/dashboard.html", {
        "warden": warden, "authority": warden.authority,
        "sections": selectors.warden_sections(warden),
        "reports": selectors.warden_reports(warden),
        "signposts": selectors.warden_signposts(warden),
        "inspections": warden.inspections.prefetch_related("sections", "reports")[:20]})


def _categories(authority):
    return (IncidentCategory.objects.filter(authority=authority, is_active=True,
                                            trail_category__isnull=False)
            .order_by("order", "name"))


@never_cache
@citizen_login_required
def app(request, authority_slug):
    """The report form as an installable offline app (static/trails/js/warden_app.js)."""
    warden = selectors.warden_or_404(request.user, authority_slug)
    form = WardenReportForm(categories=_categories(warden.authority),
                            signposts=selectors.warden_signposts(warden))
    return render(request, "trails/warden/app.html",
                  {"warden": warden, "authority": warden.authority, "form": form})


@never_cache
@citizen_login_required
def app_data(request, authority_slug):
    """What the offline app keeps on the device: categories, trails/sections, signposts."""
    warden = selectors.warden_or_404(request.user, authority_slug)
    signposts = []
    for signpost in selectors.warden_signposts(warden):
        latitude, longitude = lat_lon(signpost.location)
        signposts.append({"id": signpost.public_id, "latitude": latitude,
                          "longitude": longitude, "condition": signpost.condition,
                          "trails": [t.name for t in signpost.trails.all()]})
    return JsonResponse({
        "categories": [{"id": c.pk, "name": c.name} for c in _categories(warden.authority)],
        "sections": [{"trail": s.trail.name, "name": s.name, "start_km": s.start_km,
                      "end_km": s.end_km} for s in selectors.warden_sections(warden)],
        "signposts": signposts})


@never_cache
@require_POST
@accepts_attachments
def submit(request, authority_slug):
    """One report (from the queue or the form without script). JSON for the app: 201 with the
    reference for a new report, 200 with the same reference for a retry of the same key, 400
    with the message for a refusal (the app keeps it and shows the message)."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not request.user.is_authenticated:
        if wants_json:
            return JsonResponse({"error": _("Please sign in again.")}, status=403)
        return redirect(reverse("account_login"))
    warden = selectors.warden_or_404(request.user, authority_slug)
    form = WardenReportForm(request.POST, request.FILES,
                            categories=_categories(warden.authority),
                            signposts=selectors.warden_signposts(warden))
    if form.is_valid():
        data = form.cleaned_data
        try:
            report, created = submit_warden_report(
                warden=warden, category=data["category"], signpost_id=data["signpost"],
                latitude=data["latitude"], longitude=data["longitude"],
                description=data["description"], photos=data["photos"],
                idempotency_key=data["idempotency_key"])
        except ReportRefused as exc:
            form.add_error(None, exc)
        else:
            if wants_json:
                return JsonResponse({"reference": report.reference, "created": created},
                                    status=201 if created else 200)
            messages.success(request, _("Report %(reference)s received.")
                             % {"reference": report.reference})
            return redirect("trails_warden:app", authority_slug=warden.authority.slug)
    if wants_json:
        errors = [str(e) for errors in form.errors.values() for e in errors]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    return render(request, "trails/warden/app.html",
                  {"warden": warden, "authority": warden.authority, "form": form}, status=400)


@never_cache
@citizen_login_required
def report(request, authority_slug, reference):
    warden = selectors.warden_or_404(request.user, authority_slug)
    row = selectors.warden_report_or_404(warden, reference)
    form = WardenStatusForm(request.POST or None, initial={"status": row.report.status})
    if request.method == "POST" and form.is_valid():
        try:
            change_status(report=row.report, status=form.cleaned_data["status"],
                          public_answer=form.cleaned_data["public_answer"], user=request.user)
        except ReportRefused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Report %(reference)s updated.")
                             % {"reference": reference})
            return redirect("trails_warden:dashboard", authority_slug=authority_slug)
    return render(request, "trails/warden/report.html", {
        "warden": warden, "authority": warden.authority, "row": row, "form": form,
        "photos": row.report.photos.all()}, status=400 if form.is_bound else 200)


@never_cache
@citizen_login_required
def signpost(request, authority_slug, public_id):
    warden = selectors.warden_or_404(request.user, authority_slug)
    item = selectors.warden_signpost_or_404(warden, public_id)
    form = WardenSignpostForm(request.POST or None, initial={
        "condition": item.condition, "last_inspected": item.last_inspected})
    if request.method == "POST" and form.is_valid():
        item.condition = form.cleaned_data["condition"]
        item.last_inspected = form.cleaned_data["last_inspected"]
        item._history_user = request.user
        save_signpost(item)
        messages.success(request, _("Signpost %(id)s saved.") % {"id": item.public_id})
        return redirect("trails_warden:dashboard", authority_slug=authority_slug)
    return render(request, "trails/warden/signpost.html", {
        "warden": warden, "authority": warden.authority, "signpost": item, "form": form,
        "reports": selectors.signpost_reports(item)}, status=400 if form.is_bound else 200)


@never_cache
@citizen_login_required
def inspection(request, authority_slug):
    warden = selectors.warden_or_404(request.user, authority_slug)
    form = InspectionForm(request.POST or None, sections=warden.sections.select_related("trail"),
                          reports=selectors.warden_reports(warden),
                          categories=_categories(warden.authority),
                          signposts=selectors.warden_signposts(warden))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def new_report():
            return submit_warden_report(
                warden=warden, category=data["new_category"], signpost_id=data["new_signpost"],
                latitude=data["new_latitude"], longitude=data["new_longitude"],
                description=data["new_description"], photos=(),
                idempotency_key=data["idempotency_key"] or uuid.uuid4())

        try:
            record_inspection(warden=warden, walked_on=data["walked_on"],
                              sections=data["sections"], findings=data["findings"],
                              reports=form.chosen_reports(),
                              new_report=new_report if data["wants_report"] else None)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Inspection walk recorded."))
            return redirect("trails_warden:dashboard", authority_slug=authority_slug)
    return render(request, "trails/warden/inspection.html",
                  {"warden": warden, "authority": warden.authority, "form": form},
                  status=400 if form.is_bound else 200)


def service_worker(request):
    """static/trails/js/warden_sw.js served at /wegewart/sw.js: a worker's scope is its own
    directory, and the app lives under /wegewart/."""
    found = finders.find("trails/js/warden_sw.js")
    if not found:
        raise Http404
    response = HttpResponse(Path(found).read_bytes(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/wegewart/"
    return response


def manifest(request):
    found = finders.find("trails/warden.webmanifest")
    if not found:
        raise Http404
    data = json.loads(Path(found).read_text())
    data["icons"] = [{**icon, "src": static(icon["src"])} for icon in data["icons"]]
    return JsonResponse(data, content_type="application/manifest+json")
