"""{% portal_map %}: the reusable Leaflet map (django-leaflet's Leaflet, our own initialiser).

The map is configured through a JSON data block, not an inline script, so pages stay
compatible with a strict Content-Security-Policy. The base map URL and attribution are settings
(PORTAL_BASEMAP_*); an empty URL shows no base map.
"""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("portal/includes/map.html")
def portal_map(map_id, *, label, geojson_url="", hint="", fit=True, link_features=True,
               extra=None):
    config = {
        "basemap": {
            "url": settings.PORTAL_BASEMAP_URL,
            "attribution": settings.PORTAL_BASEMAP_ATTRIBUTION,
            "maxZoom": settings.PORTAL_BASEMAP_MAX_ZOOM,
        },
        "center": settings.PORTAL_DEFAULT_CENTER,
        "zoom": settings.PORTAL_DEFAULT_ZOOM,
        "geojsonUrl": geojson_url,
        "fitToData": fit,
        "linkFeatures": link_features,
        "text": {
            "openPortal": _("Open the portal of %(name)s"),
            "openPlan": _("Open the plan"),
            "loadFailed": _("The map data could not be loaded."),
            "opacity": _("Opacity of %(name)s"),
            "show": _("Show %(name)s"),
            "area": _("Area of validity"),
            "here": _("Selected place"),
            "comment": _("Comment on this area"),
            "drawn": _("A %(kind)s is marked on the map."),
            "cleared": _("No place is marked on the map."),
            "kindPoint": _("point"),
            "kindLine": _("line"),
            "kindArea": _("area"),
            "drawing": {
                "point": _("Set a point"),
                "line": _("Draw a line"),
                "area": _("Draw an area"),
                "edit": _("Edit"),
                "remove": _("Delete"),
            },
        },
        "leafletImagePath": static("leaflet/images/"),
    }
    config.update(extra or {})
    return {
        "map_id": map_id,
        "config_id": f"{map_id}-config",
        "config": config,
        "label": label,
        "hint": hint,
    }


@register.inclusion_tag("portal/includes/map_assets.html")
def portal_map_assets(vector_tiles=False, draw=False):
    return {"vector_tiles": vector_tiles, "draw": draw}
