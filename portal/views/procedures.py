"""The one overview of all procedures: state-wide /verfahren/ and /<authority>/verfahren/.

A list (the non-map alternative) beside a map of the same page's procedures; filters by kind,
authority, district, status, title text and "near a place" (an address or municipality name
through the portal's address search, and a radius). docs/procedure-overview.md.
"""

from urllib.parse import urlencode

from django.contrib.gis.db.models.functions import PointOnSurface, Transform
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from gis.srid import WGS84

from .. import selectors
from ..geocoding import GeocodingError, geocode
from ..models import Authority, AuthorityKind
from ..procedures import overview

PAGE_SIZE = 20
RADIUS_KM = (1, 2, 5, 10, 25, 50)
DEFAULT_KM = 5
MAX_PLACE_CHARS = 200


def _place(text: str) -> tuple[float, float, str]:
    """(lon, lat, label) of an address or an authority's name; FilterError if none."""
    try:
        found = geocode(text)
    except GeocodingError as exc:
        found = None
        problem = str(exc)
    else:
        problem = ""
    if found is not None:
        return found.lon, found.lat, found.label
    authority = (selectors.public_authorities().filter(jurisdiction__isnull=False)
                 .filter(name__iexact=text).first()
                 or selectors.public_authorities().filter(jurisdiction__isnull=False)
                 .filter(name__icontains=text).order_by("name").first())
    if authority is not None:
        spot = (Authority.objects.filter(pk=authority.pk)
                .annotate(spot=Transform(PointOnSurface("jurisdiction"), WGS84))
                .values_list("spot", flat=True).get())
        return spot.x, spot.y, authority.name
    raise overview.FilterError("place", problem or _(
        "No place was found for “%(place)s”. Enter an address (street and number, town) or the "
        "name of a municipality.") % {"place": text[:100]})


def _read_filters(request, authority, authorities, districts):
    params = request.GET
    filters = overview.Filters()
    overview.parse_common(params, filters)
    if authority is None:
        if filters.authority and filters.authority not in {a.slug for a in authorities}:
            filters.errors["authority"] = _("No authority with procedures has the address "
                                            "“%(slug)s”.") % {"slug": filters.authority}
            filters.authority = ""
        if filters.district and filters.district not in {d.slug for d in districts}:
            filters.errors["district"] = _("No district has the address “%(slug)s”.") % {
                "slug": filters.district}
            filters.district = ""
    else:
        filters.authority = filters.district = ""
    place_label = ""
    place = str(params.get("place", "") or "").strip()
    km = DEFAULT_KM
    raw_km = str(params.get("km", "") or "").strip()
    if raw_km:
        if raw_km in {str(value) for value in RADIUS_KM}:
            km = int(raw_km)
        else:
            filters.errors["km"] = _("Choose a radius of %(values)s km.") % {
                "values": ", ".join(str(value) for value in RADIUS_KM)}
    if place:
        if len(place) > MAX_PLACE_CHARS or any(ord(c) < 32 for c in place):
            filters.errors["place"] = _("The place must be at most %(max)d characters of plain "
                                        "text.") % {"max": MAX_PLACE_CHARS}
        else:
            try:
                lon, lat, place_label = _place(place)
            except overview.FilterError as exc:
                filters.errors[exc.field] = exc.message
            else:
                filters.near = (lon, lat)
                filters.radius = km * 1000
    return filters, place, km, place_label


def procedure_overview(request, authority_slug=None):
    authority = None
    if authority_slug is not None:
        authority = get_object_or_404(selectors.public_authorities(), slug=authority_slug)
    public = overview.public_procedures(authority)
    authorities = districts = []
    if authority is None:
        authorities = list(Authority.objects.filter(pk__in=public.values("authority_id"))
                           .order_by("name").only("name", "slug"))
        districts = list(selectors.public_authorities().filter(kind=AuthorityKind.DISTRICT)
                         .order_by("name").only("name", "slug"))
    filters, place, km, place_label = _read_filters(request, authority, authorities, districts)
    procedures = overview.filtered(public, filters)
    page = Paginator(overview.page_queryset(procedures), PAGE_SIZE).get_page(
        request.GET.get("page"))
    entries = overview.entries(page.object_list)
    features = [f for f in (overview.feature(entry) for entry in entries) if f]
    kept = {key: request.GET.get(key, "") for key in
            ("q", "kind", "status", "authority", "district", "place", "km")}
    querystring = urlencode({k: v for k, v in kept.items() if v})
    map_config = {"procedures": {"type": "FeatureCollection", "features": features}}
    coordinates = [f["geometry"]["coordinates"] for f in features]
    if filters.near:
        coordinates.append(list(filters.near))
        map_config["point"] = [filters.near[1], filters.near[0]]
    if coordinates:
        lons = [c[0] for c in coordinates]
        lats = [c[1] for c in coordinates]
        map_config["bounds"] = [min(lons), min(lats), max(lons), max(lats)]
    return render(request, "portal/procedure_overview.html", {
        "authority": authority,
        "filters": filters,
        "kinds": overview.available_kinds(public),
        "authorities": authorities,
        "districts": districts,
        "statuses": [("open", _("open now")), ("upcoming", _("upcoming")),
                     ("closed", _("closed"))],
        "place": place,
        "place_label": place_label,
        "km": km,
        "radius_choices": RADIUS_KM,
        "page": page,
        "entries": entries,
        "querystring": querystring,
        "filtered": bool(querystring),
        "map_config": map_config,
        "located_count": len(features),
    }, status=200)
