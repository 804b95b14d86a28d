"""Public pages: trails of an authority (module on), and the short URL of a signpost's QR
label, which opens the incident report form prefilled with the signpost."""

import json

from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from participation.incidents.location import lat_lon
from participation.incidents.views import public as incident_views
from portal.request_limits import accepts_attachments

from .. import selectors
from ..models import Trail, TrailCategory


def trail_list(request, authority_slug):
    authority = selectors.authority_with_module(authority_slug)
    return render(request, "trails/list.html",
                  {"authority": authority, "trails": authority.trails.all()})


def trail_detail(request, authority_slug, trail_pk):
    authority = selectors.authority_with_module(authority_slug)
    trail = get_object_or_404(Trail, authority=authority, pk=trail_pk)
    return render(request, "trails/detail.html", {
        "authority": authority, "trail": trail,
        "reports": selectors.open_reports_on(trail), "sections": trail.sections.all(),
        "signposts": trail.signposts.order_by("number")})


def _feature_collection(trails) -> JsonResponse:
    features = [{"type": "Feature",
                 "geometry": json.loads(trail.geometry.transform(4326, clone=True).json),
                 "properties": {"name": trail.name, "length_m": round(trail.length_m)}}
                for trail in trails]
    return JsonResponse({"type": "FeatureCollection", "features": features},
                        content_type="application/geo+json")


def trails_geojson(request, authority_slug):
    """The authority's trails for the map (WGS84)."""
    return _feature_collection(selectors.authority_with_module(authority_slug).trails.all())


def trail_geojson(request, authority_slug, trail_pk):
    authority = selectors.authority_with_module(authority_slug)
    return _feature_collection([get_object_or_404(Trail, authority=authority, pk=trail_pk)])


@accepts_attachments
def short(request, public_id):
    """/ww/<ID>/ (the QR label): the authority's incident form, served here, with the
    signpost's place, its trail category and "Signpost <ID> (trails)" as the description of
    the place (which links the report to the signpost: signals.py). The form posts back here
    and is handled by the incident module's view as on its own address."""
    signpost = selectors.public_signpost(public_id)
    if request.method != "POST":
        latitude, longitude = lat_lon(signpost.location)
        query = QueryDict(mutable=True)
        query.update({"latitude": str(latitude), "longitude": str(longitude),
                      "address": signpost_place(signpost)})
        category = (TrailCategory.objects.filter(category__authority=signpost.authority,
                                                 category__is_active=True)
                    .order_by("category__order", "category__name").first())
        if category is not None:
            query["category"] = str(category.category_id)
        request.GET = query
    return incident_views.report_form(request, signpost.authority.slug)


def signpost_place(signpost) -> str:
    trails = ", ".join(t.name for t in signpost.trails.all())
    text = _("Signpost %(id)s") % {"id": signpost.public_id}
    return f"{text} ({trails})"[:300] if trails else text
