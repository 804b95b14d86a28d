"""The one metric storage SRID (docs/srid.md)."""

from django.conf import settings

ACCEPTED_STORAGE_SRIDS = {25832, 25833, 3035}
WGS84 = 4326
WEB_MERCATOR = 3857


def storage_srid() -> int:
    return settings.PORTAL_STORAGE_SRID
