"""Address search through a configurable geocoder (Nominatim-compatible API), else through the
optional local address index (portal.models.Address, filled by manage.py import_addresses).

PORTAL_GEOCODER_URL, e.g. https://nominatim.example.org/search; empty (default): the local index
is searched when it holds addresses, else there is no address search – municipality, plan name
and number search still work. Only that configured host is
ever contacted, with a short timeout; user text is sent as a query parameter, never as a URL.
"""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class GeocodeResult:
    lon: float
    lat: float
    label: str


class GeocodingError(Exception):
    pass


def geocoder_configured() -> bool:
    return bool(getattr(settings, "PORTAL_GEOCODER_URL", ""))


def address_search_available() -> bool:
    """True when addresses can be searched: a geocoder or a filled local address index."""
    from .models import Address

    return geocoder_configured() or Address.objects.exists()


def _local(text: str) -> GeocodeResult | None:
    from .addresses import find_address

    found = find_address(text)
    if found is None:
        return None
    address, lon, lat = found
    return GeocodeResult(lon=lon, lat=lat, label=str(address))


def geocode(text: str) -> GeocodeResult | None:
    if not text.strip():
        return None
    if not geocoder_configured():
        return _local(text)
    params = urllib.parse.urlencode(
        {"q": text.strip()[:200], "format": "jsonv2", "limit": 1,
         "countrycodes": getattr(settings, "PORTAL_GEOCODER_COUNTRIES", "de")}
    )
    request = urllib.request.Request(  # noqa: S310 - fixed, configured https/http endpoint
        f"{settings.PORTAL_GEOCODER_URL}?{params}",
        headers={"User-Agent": f"{settings.PORTAL_NAME} (geocoder client)",
                 "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            data = json.loads(response.read(1_000_000))
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as exc:
        raise GeocodingError(
            _("The address search is not available at the moment; search by municipality, plan name or number instead.")
        ) from exc
    if not data:
        return None
    first = data[0]
    try:
        lon, lat = float(first["lon"]), float(first["lat"])
    except (KeyError, TypeError, ValueError):
        return None
    # Checked before a Point is built from it (SpatiaLite's WKT writer overflows on huge numbers).
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return GeocodeResult(lon=lon, lat=lat, label=str(first.get("display_name", ""))[:300])
