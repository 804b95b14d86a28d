"""The Content-Security-Policy of the portal, built from settings (docs/security.md "Headers").

Settings import this module before Django is set up: it must not import models or anything
that needs the app registry.
"""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF

#: Where browsers send violation reports (config/urls.py; "csp-report" is a reserved slug).
REPORT_PATH = "/csp-report/"


def tile_source(url_template: str) -> str | None:
    """The CSP source expression of a tile URL template, or None when there is no base map.

    "https://{s}.tile.example.org/{z}/{x}/{y}.png" -> "https://*.tile.example.org": a host
    placeholder becomes a wildcard for that label, the path is left out (CSP would match it
    literally, and the placeholders are not paths).
    """
    if not url_template:
        return None
    parts = urlsplit(url_template)
    if parts.scheme not in {"https", "http"} or not parts.netloc:
        raise ValueError(f"base map URL must be an absolute http(s) URL: {url_template!r}")
    host = ".".join("*" if "{" in label else label for label in parts.netloc.split("."))
    return f"{parts.scheme}://{host}"


def portal_policy(*, basemap_url: str) -> dict:
    """django-csp's CONTENT_SECURITY_POLICY for the given base map."""
    tiles = tile_source(basemap_url)
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            # NONCE only reaches the header on pages that used request.csp_nonce: django-leaflet's
            # admin widget is the one inline script left (Authority jurisdiction in /admin/). The
            # nonce is per response and shared with style-src (django-csp has one per request).
            "script-src": [SELF, NONCE],
            # Leaflet and geoman position elements through the CSSOM (element.style), which CSP
            # does not govern; style attributes in markup would need 'unsafe-inline' and there are
            # none in our templates. The nonce serves the authority's brand colour block.
            "style-src": [SELF, NONCE],
            # data: for the SVG icons in Leaflet's and geoman's CSS, blob: for map images drawn
            # in the browser; the base-map host for its tiles.
            "img-src": [SELF, "data:", "blob:", *([tiles] if tiles else [])],
            "font-src": [SELF],
            # Vector tiles, GeoJSON and status polling go to the portal itself; the geocoder is
            # called by the server, never by the browser.
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [NONE],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
            "report-uri": REPORT_PATH,
        },
    }
