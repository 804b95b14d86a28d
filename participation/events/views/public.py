"""Public pages of events: 404 unless the module is on for the authority. The personal pages
of a registration (tickets, cancellation) are reached by a signed link from the e-mail."""

import json

from django.contrib import messages
from django.contrib.gis.db.models.functions import Transform
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts_citizen.services.contributions import link_contribution
from portal.personal_data import personal_data
from portal.throttling import CLIENT, throttle

from .. import selectors
from ..forms import RegistrationForm
from ..ical import event_ics, feed_ics
from ..models import RegistrationStatus
from ..services import NewRegistration, confirmed_persons, register
from ..tickets import qr_svg_data_uri, render_tickets, when
from ..tokens import registration_key as make_key
from ..tokens import ticket_token


def event_list(request, authority_slug):
    authority = selectors.authority_with_module(authority_slug)
    now = timezone.now()
    events = list(selectors.public_events(authority).order_by("starts_at"))
    return render(request, "events/list.html", {
        "authority": authority,
        "upcoming": [e for e in events if e.ends_at >= now],
        "past": [e for e in events if e.ends_at < now][::-1]})


def calendar_feed(request, authority_slug):
    authority = selectors.authority_with_module(authority_slug)
    events = selectors.public_events(authority).order_by("starts_at")
    body = feed_ics(authority, events,
                    lambda event: request.build_absolute_uri(event.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{authority.slug}-veranstaltungen.ics"'
    return response


def event_calendar(request, authority_slug, event_uid):
    authority = selectors.authority_with_module(authority_slug)
    event = selectors.public_event(authority, event_uid)
    response = HttpResponse(event_ics(event, request.build_absolute_uri(
        event.get_absolute_url())), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="veranstaltung.ics"'
    return response


def place_geojson(request, authority_slug, event_uid):
    authority = selectors.authority_with_module(authority_slug)
    event = selectors.public_event(authority, event_uid)
    features = []
    row = (type(event).objects.filter(pk=event.pk, location__isnull=False)
           .annotate(wgs=Transform("location", 4326)).first())
    if row is not None:
        features.append({"type": "Feature", "geometry": json.loads(row.wgs.geojson),
                         "properties": {"name": event.address or event.title}})
    return JsonResponse({"type": "FeatureCollection", "features": features},
                        content_type="application/geo+json")


@never_cache
@throttle(("event-registration-client", CLIENT))
def detail(request, authority_slug, event_uid):
    authority = selectors.authority_with_module(authority_slug)
    event = selectors.public_event(authority, event_uid)
    now = timezone.now()
    is_open = now < event.deadline
    form = RegistrationForm(request.POST if request.method == "POST" else None, event=event,
                            user=request.user)
    if request.method == "POST":
        if not is_open:
            form.add_error(None, _("The registration deadline has passed."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                registration, _created = register(
                    event=event, user=request.user, idempotency_key=data["idempotency_key"],
                    base_url=request.build_absolute_uri("/"),
                    new=NewRegistration(
                        name=data["name"], email=data["email"], persons=data["persons"],
                        needs_sign_language=data.get("needs_sign_language", False),
                        accessibility_needs=data.get("accessibility_needs", "")))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                link_contribution(user=request.user, kind="event_registration",
                                  object_uid=registration.uid)
                if registration.status == RegistrationStatus.CONFIRMED:
                    messages.success(request, _("You are registered. The confirmation with "
                                                "your ticket is on its way by e-mail."))
                else:
                    messages.success(request, _("The event is fully booked: you are on the "
                                                "waiting list and will get an e-mail if a "
                                                "place becomes free."))
                return redirect("events:registration", authority_slug=authority.slug,
                                registration_key=make_key(registration))
    free = max(event.capacity - confirmed_persons(event), 0)
    return render(request, "events/detail.html", {
        "authority": authority, "event": event, "form": form, "is_open": is_open,
        "free": free, "when": when(event),
        "geojson_url": reverse("events:place", args=[authority.slug, event.uid])
        if event.location else ""},
        status=400 if form.is_bound and form.errors else 200)


@never_cache
@personal_data
def registration(request, authority_slug, registration_key):
    authority = selectors.authority_with_module(authority_slug)
    key = registration_key
    item = selectors.registration_by_key(authority, key)
    tickets = list(item.tickets.all()) if item.status == RegistrationStatus.CONFIRMED else []
    return render(request, "events/registration.html", {
        "authority": authority, "event": item.event, "registration": item, "key": key,
        "tickets": tickets, "when": when(item.event)})


def _ticket_page(request, authority_slug, registration_key, number, **extra):
    """The page of one confirmed ticket (404 otherwise) and its signed token."""
    authority = selectors.authority_with_module(authority_slug)
    item = selectors.registration_by_key(authority, registration_key)
    found = item.tickets.filter(number=number).first()
    if found is None or item.status != RegistrationStatus.CONFIRMED:
        raise Http404
    token = ticket_token(found.token_id)
    response = render(request, "events/ticket.html", {
        "authority": authority, "event": item.event, "registration": item,
        "key": registration_key, "ticket": found, "token": token,
        "qr": qr_svg_data_uri(token), "when": when(item.event), **extra})
    return response, token


@never_cache
@personal_data
def ticket(request, authority_slug, registration_key, number):
    return _ticket_page(request, authority_slug, registration_key, number)[0]


@never_cache
@personal_data
def tickets_pdf(request, authority_slug, registration_key):
    authority = selectors.authority_with_module(authority_slug)
    key = registration_key
    item = selectors.registration_by_key(authority, key)
    if item.status != RegistrationStatus.CONFIRMED:
        raise Http404
    response = HttpResponse(render_tickets(item), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="ticket.pdf"'
    return response


@never_cache
@personal_data
def cancel(request, authority_slug, registration_key):
    from ..services import cancel as cancel_registration

    authority = selectors.authority_with_module(authority_slug)
    key = registration_key
    item = selectors.registration_by_key(authority, key)
    error = ""
    if request.method == "POST" and item.status != RegistrationStatus.CANCELLED:
        if request.POST.get("confirm") == "yes":
            cancel_registration(registration=item, base_url=request.build_absolute_uri("/"))
            messages.success(request, _("Your registration is cancelled."))
            return redirect("events:registration", authority_slug=authority.slug,
                            registration_key=key)
        error = _("Please confirm the cancellation with the button.")
    return render(request, "events/cancel.html", {
        "authority": authority, "event": item.event, "registration": item, "key": key,
        "when": when(item.event), "error": error}, status=400 if error else 200)


@require_POST
@never_cache
@personal_data
def ticket_for_voting(request, authority_slug, registration_key, number):
    """This phone votes in live votes as the holder of this ticket
    (participation/events/voting_access.py): the ticket page again, with the cookie set."""
    from django.conf import settings

    from ..voting_access import COOKIE_MAX_AGE, TICKET_COOKIE

    response, token = _ticket_page(request, authority_slug, registration_key, number,
                                   lent_for_voting=True)
    response.set_cookie(TICKET_COOKIE, token, max_age=COOKIE_MAX_AGE, httponly=True,
                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
    return response
