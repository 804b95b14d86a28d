"""The staff side: events of the user's authorities only (others get 404), registrations with
CSV export, e-mail to all registrants, and the check-in scanner with its JSON endpoints."""

import csv
import io
import json

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.middleware.permissions_policy import HEADER, header_value
from portal.models import Authority
from portal.personal_data import personal_data

from .. import selectors
from ..forms import BroadcastForm, EventForm, NameSearchForm, TokenForm
from ..models import RegistrationStatus, Ticket
from ..services import check_in, check_in_ticket, counts, create_event, email_registrants
from ..tokens import ticket_token, token_hash

MAX_SYNC = 500


def _managed_or_404(user):
    if not selectors.staff_authorities(user):
        raise Http404


@never_cache
@login_required
def event_list(request):
    scanning = selectors.staff_events(request.user, selectors.SCANNER_ROLES)
    if not scanning.exists() and not selectors.staff_authorities(
            request.user, selectors.SCANNER_ROLES):
        raise Http404
    managed = set(selectors.staff_events(request.user).values_list("pk", flat=True))
    return render(request, "events/staff/list.html", {
        "events": [(e, e.pk in managed) for e in scanning.order_by("-starts_at")],
        "may_create": bool(selectors.staff_authorities(request.user))})


@never_cache
@login_required
def create(request):
    authorities = Authority.objects.filter(
        pk__in=[a.pk for a in selectors.staff_authorities(request.user)])
    if not authorities.exists():
        raise Http404
    form = EventForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        try:
            event = create_event(**form.service_kwargs())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The event is created."))
            return redirect("events_staff:event", event_uid=event.uid)
    return render(request, "events/staff/create.html", {"form": form},
                  status=400 if form.is_bound else 200)


@never_cache
@login_required
@personal_data
def event(request, event_uid):
    item = selectors.staff_event(request.user, event_uid)
    registrations = item.registrations.select_related("account").prefetch_related("tickets")
    return render(request, "events/staff/event.html", {
        "event": item, "registrations": registrations, "counts": counts(item)})


@never_cache
@login_required
@personal_data
def export_csv(request, event_uid):
    item = selectors.staff_event(request.user, event_uid)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Registered"), _("Name"), _("E-mail"), _("Persons"), _("Status"),
                     _("Sign-language interpreter"), _("Accessibility needs"),
                     _("Checked in")])
    for row in item.registrations.prefetch_related("tickets"):
        checked = sum(1 for ticket in row.tickets.all() if ticket.checked_in_at)
        writer.writerow([
            timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
            _csv_safe(row.name), _csv_safe(row.email), row.persons, row.get_status_display(),
            _("yes") if row.needs_sign_language else _("no"), _csv_safe(row.accessibility_needs),
            checked])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anmeldungen-{item.uid}.csv"'
    return response


def _csv_safe(value: str) -> str:
    """No formula injection in spreadsheets: a leading =, +, -, @ is quoted."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@never_cache
@login_required
@personal_data
def broadcast(request, event_uid):
    item = selectors.staff_event(request.user, event_uid)
    form = BroadcastForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = email_registrants(event=item, subject=data["subject"], body=data["body"],
                                     statuses=data["recipients"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(n)d e-mails were sent.") % {"n": sent})
            return redirect("events_staff:event", event_uid=item.uid)
    return render(request, "events/staff/broadcast.html", {"event": item, "form": form},
                  status=400 if form.is_bound else 200)


# --- check-in scanner ------------------------------------------------------------------

def _scanner_event(request, event_uid):
    return selectors.staff_event(request.user, event_uid, selectors.SCANNER_ROLES)


# zxing-wasm compiles WebAssembly: allowed on the scanner page only.
@csp_update({"script-src": ["'wasm-unsafe-eval'"]})
@never_cache
@login_required
@personal_data
def scanner(request, event_uid):
    item = _scanner_event(request, event_uid)
    result, search = None, NameSearchForm(request.GET or None)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = check_in(event=item, token=form.cleaned_data["token"], user=request.user)
        form = TokenForm()
    matches = []
    if search.is_valid():
        matches = list(Ticket.objects.filter(
            registration__event=item, registration__status=RegistrationStatus.CONFIRMED,
            registration__name__icontains=search.cleaned_data["q"])
            .select_related("registration")[:50])
    response = render(request, "events/staff/scanner.html", {
        "event": item, "form": form, "result": result, "search": search, "matches": matches,
        "counts": counts(item)}, status=400 if form.errors else 200)
    policy = dict(settings.PORTAL_PERMISSIONS_POLICY, camera=["self"])
    response.headers[HEADER] = header_value(policy)
    return response


@require_POST
@never_cache
@login_required
@personal_data
def manual_check_in(request, event_uid, ticket_id):
    item = _scanner_event(request, event_uid)
    found = Ticket.objects.filter(registration__event=item, pk=ticket_id).select_related(
        "registration").first()
    if found is None:
        raise Http404
    result = check_in_ticket(event=item, ticket=found, user=request.user)
    (messages.success if result.ok else messages.warning)(request, result.message)
    return redirect("events_staff:scanner", event_uid=item.uid)


@never_cache
@login_required
@personal_data
def ticket_list(request, event_uid):
    """What the scanner keeps for offline use: the SHA-256 of every valid token (not the
    tokens themselves, no names) and which of them are checked in already."""
    item = _scanner_event(request, event_uid)
    hashes, checked = [], {}
    for ticket in Ticket.objects.filter(registration__event=item,
                                        registration__status=RegistrationStatus.CONFIRMED):
        digest = token_hash(ticket_token(ticket.token_id))
        hashes.append(digest)
        if ticket.checked_in_at:
            checked[digest] = timezone.localtime(ticket.checked_in_at).strftime("%H:%M")
    return JsonResponse({"event": str(item.uid), "hashes": hashes, "checked": checked,
                         "counts": counts(item),
                         "downloaded_at": timezone.now().isoformat()})


@require_POST
@never_cache
@login_required
@personal_data
def check_in_api(request, event_uid):
    """JSON check-in: {"token": "…"} or, for the offline queue, {"tokens": ["…", …]}."""
    item = _scanner_event(request, event_uid)
    if request.content_type != "application/json":
        return JsonResponse({"error": _("The request is not valid JSON.")}, status=400)
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": _("The request is not valid JSON.")}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": _("The request is not valid JSON.")}, status=400)
    tokens = payload.get("tokens", [payload.get("token")] if "token" in payload else None)
    if (not isinstance(tokens, list) or not tokens or len(tokens) > MAX_SYNC
            or not all(isinstance(t, str) for t in tokens)):
        return JsonResponse({"error": _("Send a token or a list of up to %(n)d tokens.")
                             % {"n": MAX_SYNC}}, status=400)
    results = [check_in(event=item, token=token, user=request.user).as_json()
               for token in tokens]
    return JsonResponse({"results": results, "counts": counts(item)})


@never_cache
@login_required
def counts_api(request, event_uid):
    item = _scanner_event(request, event_uid)
    return JsonResponse(counts(item))


def service_worker(request):
    """The scanner's service worker, served from here so that its scope covers the staff
    event pages (a worker under /static/ could only control /static/)."""
    path = finders.find("events/scanner-sw.js")
    with open(path, "rb") as handle:
        response = HttpResponse(handle.read(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response
