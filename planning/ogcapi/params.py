"""The query parameters of OGC API Features Part 1 (bbox, datetime, limit, offset, f), checked.

Every error is a `ParameterError` carrying a German/English message; the views answer it with
400 (OGC API Features Part 1, /req/core/query-param-invalid). A parameter the API definition
does not name is refused too (/req/core/query-param-unknown: 400), so a typo such as `bbbox`
never silently returns the whole collection.
"""

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

#: Features per page when the client names no `limit`, and the largest page it may ask for.
DEFAULT_LIMIT = getattr(settings, "PORTAL_OGCAPI_DEFAULT_LIMIT", 100)
MAX_LIMIT = getattr(settings, "PORTAL_OGCAPI_MAX_LIMIT", 1000)
#: Longest accepted value of any parameter (a bbox or an interval is far shorter).
MAX_VALUE_LENGTH = 200

COMMON_PARAMS = {"f"}
FEATURE_PARAMS = COMMON_PARAMS | {"crs"}
ITEMS_PARAMS = FEATURE_PARAMS | {"bbox", "bbox-crs", "datetime", "limit", "offset"}

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
#: Output and bbox CRSs (OGC API Features Part 2): CRS84 (lon/lat, the default) and the two
#: UTM zones of German authorities, whose EPSG axis order is easting, northing (x, y).
CRS_SRIDS = {
    CRS84: 4326,
    "http://www.opengis.net/def/crs/EPSG/0/25832": 25832,
    "http://www.opengis.net/def/crs/EPSG/0/25833": 25833,
}


class ParameterError(ValueError):
    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


def refuse_unknown(params, allowed: set[str]) -> None:
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise ParameterError(unknown[0][:40], _("Unknown parameter."))
    for name in params:
        if len(params.getlist(name)) > 1:
            raise ParameterError(name, _("The parameter is given more than once."))
        if len(params[name]) > MAX_VALUE_LENGTH:
            raise ParameterError(name, _("The value is too long."))


def limit(params) -> int:
    """1 … MAX_LIMIT; a larger value is served as MAX_LIMIT (the maximum the OpenAPI
    definition states), anything else that is not a positive integer is an error."""
    value = params.get("limit")
    if value is None:
        return DEFAULT_LIMIT
    if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) < 1:
        raise ParameterError("limit", _("The limit must be a whole number of at least 1."))
    return min(int(value), MAX_LIMIT)


def offset(params) -> int:
    value = params.get("offset")
    if value is None:
        return 0
    if not re.fullmatch(r"[0-9]{1,9}", value):
        raise ParameterError("offset", _("The offset must be a whole number of at least 0."))
    return int(value)


def crs(params, name: str = "crs") -> tuple[str, int]:
    """The CRS URI named by `name` (default CRS84) and its SRID."""
    uri = params.get(name, CRS84)
    if uri not in CRS_SRIDS:
        raise ParameterError(name, _("Unsupported CRS; use one of: %(crs)s.")
                             % {"crs": ", ".join(CRS_SRIDS)})
    return uri, CRS_SRIDS[uri]


def bbox(params) -> tuple[tuple[float, float, float, float], int] | None:
    """The box and its SRID: minLon,minLat,maxLon,maxLat in CRS84 (4 numbers; 6 with heights,
    which are dropped), or minEasting,minNorthing,maxEasting,maxNorthing with `bbox-crs`."""
    _uri, srid = crs(params, "bbox-crs")
    value = params.get("bbox")
    if value is None:
        return None
    try:
        numbers = [float(part) for part in value.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise ParameterError("bbox", _("The bbox must be four comma-separated numbers: "
                                       "minimum longitude, minimum latitude, maximum longitude, "
                                       "maximum latitude."))
    minx, miny, maxx, maxy = numbers
    if srid != 4326:
        if minx > maxx or miny > maxy or max(abs(n) for n in numbers) > 1e8:
            raise ParameterError("bbox", _("The bbox must be minimum easting, minimum northing, "
                                           "maximum easting, maximum northing."))
        return (minx, miny, maxx, maxy), srid
    if not (-180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise ParameterError("bbox", _("The bbox must be in longitude/latitude (CRS84)."))
    if minx > maxx:
        # Crossing the antimeridian: the portal's data never does; refuse rather than guess.
        raise ParameterError("bbox", _("A bbox crossing the antimeridian is not supported."))
    return (minx, miny, maxx, maxy), srid


@dataclass(frozen=True)
class Interval:
    """Closed date interval; None on a side means open ("..")."""

    start: date | None
    end: date | None


def _moment(text: str, name: str) -> date:
    try:
        moment = parse_datetime(text) if "T" in text.upper() else None
        day = parse_date(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:  # well-formed but impossible, e.g. month 13
        moment = day = None
    if moment is not None:
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.date()
    if day is None:
        raise ParameterError(name, _("The datetime must be a date or date-time as in RFC 3339 "
                                     "(e.g. 2024-05-01 or 2024-05-01T12:00:00Z), or an interval "
                                     "of two such values separated by “/” (“..” for open)."))
    return day


def datetime_interval(params) -> Interval | None:
    """`datetime` as an instant or an interval (RFC 3339, "/" between the ends, ".." or an empty
    end for open); compared with the collection's date field, day by day (Europe/Berlin)."""
    value = params.get("datetime")
    if value is None:
        return None
    parts = value.split("/")
    if len(parts) == 1:
        day = _moment(parts[0], "datetime")
        return Interval(day, day)
    if len(parts) != 2:
        raise ParameterError("datetime", _("An interval has exactly one “/”."))
    start, end = (None if part in ("", "..") else _moment(part, "datetime") for part in parts)
    if start is None and end is None:
        raise ParameterError("datetime", _("An interval needs at least one end."))
    if start is not None and end is not None and start > end:
        raise ParameterError("datetime", _("The interval ends before it starts."))
    return Interval(start, end)


def as_rfc3339(day: date | datetime | None) -> str | None:
    if day is None:
        return None
    if isinstance(day, datetime):
        return day.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{day.isoformat()}T00:00:00Z"
