"""Public pages: the state-wide portal and each authority's portal."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .. import sections, selectors
from ..models import Authority


def authority_directory(request):
    query = request.GET.get("q", "")
    authorities = selectors.search_authorities(query).only("name", "slug", "kind", "ags")
    return render(
        request,
        "portal/authority_directory.html",
        {
            "query": query,
            "authorities": authorities[:500],
            "authority_count": authorities.count(),
            "map_geojson_url": reverse("api:authority-geojson"),
        },
    )


def authority_home(request, authority_slug):
    authority = get_object_or_404(selectors.public_authorities(), slug=authority_slug)
    return render(
        request,
        "portal/authority_home.html",
        {
            "authority": authority,
            "map_geojson_url": reverse(
                "api:authority-detail-geojson", kwargs={"slug": authority.slug}
            ),
            "children": Authority.objects.active().filter(parent=authority).only("name", "slug"),
            "sections": sections.rendered_sections(request, authority),
        },
    )
