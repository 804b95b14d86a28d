"""Subscribe, confirm, unsubscribe (one click, RFC 8058) and the Atom feeds."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from gis.errors import InputError
from portal import selectors as portal_selectors
from portal.models import Authority
from portal.personal_data import personal_data
from portal.throttling import CLIENT, posted, throttle

from . import areas, feeds, services
from .forms import MUNICIPALITY, SubscribeForm


def _feed_link(authority: Authority | None) -> str:
    return reverse("subscriptions:authority-feed", args=[authority.slug]) if authority else ""


@require_http_methods(["GET", "HEAD", "POST"])
@throttle(("subscribe-client", CLIENT), ("subscribe-address", posted("email")))
def subscribe(request):
    authority = None
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.subscribe(
                email=data["email"], area=data["area"], area_label=data["area_label"],
                authority=data.get("authority"), topics=data["topics"],
                frequency=data["frequency"], language=get_language() or "de",
                site_url=request.build_absolute_uri("/"))
            return redirect("subscriptions:sent")
    else:
        slug = str(request.GET.get("gemeinde", ""))[:80]
        authority = Authority.objects.active().filter(slug=slug, jurisdiction__isnull=False).first()
        initial = {"municipality": authority, "area_kind": MUNICIPALITY} if authority else {}
        form = SubscribeForm(initial=initial)
    return render(request, "subscriptions/subscribe.html", {
        "form": form, "authority": authority, "authority_feed": _feed_link(authority),
        "radius_min": areas.MIN_RADIUS, "radius_max": areas.MAX_RADIUS,
    }, status=400 if request.method == "POST" else 200)


def sent(request):
    return render(request, "subscriptions/sent.html")


@personal_data  # shows the area the person chose (an address, perhaps)
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    subscription = services.pending_by_confirm_token(token)
    if subscription is None:
        return render(request, "subscriptions/invalid_link.html", status=404)
    if request.method == "POST":
        newly = services.confirm(subscription)
        return render(request, "subscriptions/confirmed.html",
                      {"subscription": subscription, "newly": newly})
    return render(request, "subscriptions/confirm.html", {"subscription": subscription})


@personal_data
@csrf_exempt  # RFC 8058: the mail client POSTs without a session; the token is the credential
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        services.unsubscribe(token)  # the same answer when it was gone already
        return redirect("subscriptions:unsubscribed")
    subscription = services.by_unsubscribe_token(token)
    if subscription is None:
        return render(request, "subscriptions/invalid_link.html", status=404)
    return render(request, "subscriptions/unsubscribe.html", {"subscription": subscription})


def unsubscribed(request):
    return render(request, "subscriptions/unsubscribed.html")


def _number(params, name: str) -> float:
    try:
        return float(str(params.get(name, ""))[:40])
    except ValueError as exc:
        raise InputError(_("“%(name)s” must be a number.") % {"name": name}) from exc


def area_from_params(params):
    """bbox=west,south,east,north or lat, lon, radius (metres) in WGS84."""
    if params.get("bbox"):
        parts = str(params["bbox"])[:200].split(",")
        if len(parts) != 4:
            raise InputError(_("The bounding box must be given as west,south,east,north."))
        try:
            values = [float(part) for part in parts]
        except ValueError as exc:
            raise InputError(_("The bounding box must be given as west,south,east,north.")) from exc
        return areas.bbox(*values)
    if params.get("lat") or params.get("lon"):
        radius = _number(params, "radius") if params.get("radius") else 1000
        return areas.circle(_number(params, "lon"), _number(params, "lat"), radius)
    raise InputError(_("Give an area: bbox=west,south,east,north or lat, lon and radius (metres)."))


def area_feed(request):
    try:
        area = area_from_params(request.GET)
    except InputError as exc:
        return HttpResponseBadRequest(exc.message, content_type="text/plain; charset=utf-8")
    return feeds.atom_response(
        request, title=_("Planning news in an area – %(portal)s") % {"portal": settings.PORTAL_NAME},
        subtitle=_("New plan procedures, opened participation phases and published results."),
        events=feeds.recent_events(area=area))


def authority_feed(request, authority_slug):
    authority = get_object_or_404(portal_selectors.public_authorities(), slug=authority_slug)
    return feeds.atom_response(
        request, title=_("Planning news of %(authority)s") % {"authority": authority.name},
        subtitle=_("New plan procedures, opened participation phases and published results."),
        events=feeds.recent_events(authority=authority))

