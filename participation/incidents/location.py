"""Untrusted coordinates (form fields, Open311 lat/long) to a checked point in the storage SRID.

Text -> plain float (finite, in range) -> gis.geojson_input builds the WGS84 point from the
canonical numbers -> reprojected -> gis.geometry_guard checks it again. Nothing the client sent
reaches GEOS or a text writer unchecked (SECURITY.md E15-E17, A5; issue #9).
"""

import math

from django.contrib.gis.geos import GEOSGeometry
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.geojson_input import geometry_from_object
from gis.geometry_guard import check_untrusted_geometry
from gis.srid import storage_srid

from .errors import ReportRefused

MAX_NUMBER_CHARS = 40


def _number(text, name: str) -> float:
    if isinstance(text, bool):
        raise ReportRefused(_("%(name)s must be a number.") % {"name": name})
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        raw = str(text if text is not None else "").strip().replace(",", ".")
        if not raw:
            raise ReportRefused(_("Please give %(name)s.") % {"name": name})
        if len(raw) > MAX_NUMBER_CHARS:
            raise ReportRefused(_("%(name)s must be a number.") % {"name": name})
        try:
            value = float(raw)
        except ValueError as exc:
            raise ReportRefused(_("%(name)s must be a number.") % {"name": name}) from exc
    if not math.isfinite(value):
        raise ReportRefused(_("%(name)s must be a number.") % {"name": name})
    return value


def point_from_lat_lon(lat, lon) -> GEOSGeometry:
    """A checked point in the storage SRID from latitude/longitude in WGS84 (degrees)."""
    latitude = _number(lat, _("The latitude"))
    longitude = _number(lon, _("The longitude"))
    if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
        raise ReportRefused(_("The coordinates must be latitude (-90 to 90) and longitude "
                              "(-180 to 180) in degrees (WGS84)."))
    try:
        point = geometry_from_object({"type": "Point", "coordinates": [longitude, latitude]},
                                     allowed={"Point"}, max_vertices=1)
        point = point.transform(storage_srid(), clone=True)
        check_untrusted_geometry(point, max_vertices=1)
    except InputError as exc:
        raise ReportRefused(_("The place is invalid: %(reason)s") % {"reason": exc.message}) from exc
    except Exception as exc:  # PROJ/GEOS errors on coordinates a projection cannot take
        raise ReportRefused(_("The place is invalid.")) from exc
    return point


def lat_lon(point: GEOSGeometry) -> tuple[float, float]:
    """(latitude, longitude) in WGS84 of a stored point."""
    wgs = point.transform(4326, clone=True)
    return round(wgs.y, 7), round(wgs.x, 7)


def point_from_address(text: str) -> GEOSGeometry:
    """The place of an address through the portal's address search (the configured geocoder,
    else the local address index, portal/geocoding.py), checked like typed coordinates."""
    from portal.geocoding import GeocodingError, geocode

    try:
        found = geocode(text)
    except GeocodingError as exc:
        raise ReportRefused(str(exc)) from exc
    if found is None:
        raise ReportRefused(
            _("No place was found for the address “%(address)s”. Please give latitude and "
              "longitude, or set the pin on the map.") % {"address": text.strip()[:100]})
    return point_from_lat_lon(found.lat, found.lon)


def place_of(latitude, longitude, address: str) -> GEOSGeometry:
    """Coordinates when given; otherwise the place of the address; otherwise a clear refusal."""
    no_coordinates = not str(latitude or "").strip() and not str(longitude or "").strip()
    if no_coordinates and str(address or "").strip():
        return point_from_address(str(address))
    return point_from_lat_lon(latitude, longitude)
