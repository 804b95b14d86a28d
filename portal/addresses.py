"""Reading and searching the local address index (portal.models.Address).

    key = street_key("Bachstr.")            # "bachstraße"
    found = find_address("Bachweg 3, 01234 Musterstadt")
"""

import re

from django.contrib.gis.db.models.functions import Transform

from gis.srid import WGS84

from .models import Address

_NUMBER = re.compile(r"^(?P<street>.*?\D)\s*(?P<number>\d+\s*[a-zA-Z]?(?:\s*[-/]\s*\d+[a-zA-Z]?)?)$")
_POSTCODE = re.compile(r"\b(\d{5})\b")


def street_key(street: str) -> str:
    key = " ".join(street.lower().split())
    key = re.sub(r"str\.?$", "straße", key)
    key = re.sub(r"str\.\s", "straße ", key)
    return key.replace("strasse", "straße")


def number_key(number: str) -> str:
    return "".join(number.lower().split())


def find_address(text: str) -> tuple[Address, float, float] | None:
    """(address, lon, lat) of the best match for "Street 3, [postcode] City", or None."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        return None
    match = _NUMBER.match(parts[0])
    street, number = (match["street"], match["number"]) if match else (parts[0], "")
    candidates = Address.objects.filter(street_key=street_key(street))
    rest = " ".join(parts[1:])
    postcode = _POSTCODE.search(rest)
    city = _POSTCODE.sub("", rest).strip()
    if postcode:
        candidates = candidates.filter(postcode=postcode.group(1))
    if city:
        candidates = candidates.filter(city__iexact=city)
    if number:
        candidates = candidates.filter(housenumber__iexact=number_key(number))
    row = (candidates.annotate(wgs84=Transform("location", WGS84))
           .order_by("housenumber", "pk").first())
    if row is None:
        return None
    return row, row.wgs84.x, row.wgs84.y
