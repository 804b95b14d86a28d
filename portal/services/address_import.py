"""Import an open address list into the local address index (all or nothing).

The CSV uses the column names of OpenAddresses (LON, LAT, NUMBER, STREET, CITY, POSTCODE;
case-insensitive, other columns ignored), WGS84 coordinates. A row without street or with
coordinates that are no WGS84 position is skipped and reported; with --replace the index is
emptied first, in the same transaction. Points are reprojected to the storage SRID in SQL.
"""

import csv
import math
from pathlib import Path

from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils.translation import gettext as _

from gis.srid import WGS84

from ..addresses import number_key, street_key
from ..models import Address

REQUIRED = ("lon", "lat", "street")
MAX_ROWS = 2_000_000
BATCH = 2000


class AddressImportFailed(Exception):
    pass


def _position(row: dict) -> tuple[float, float] | None:
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def import_addresses(*, path: str | Path, replace: bool = False) -> dict:
    skipped: list[dict] = []
    addresses: list[Address] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = {name.strip().lower(): name for name in reader.fieldnames or []}
        missing = [name.upper() for name in REQUIRED if name not in columns]
        if missing:
            raise AddressImportFailed(_("The file lacks the columns %(columns)s.")
                                      % {"columns": ", ".join(missing)})
        for line, raw in enumerate(reader, start=2):
            if len(addresses) + len(skipped) >= MAX_ROWS:
                raise AddressImportFailed(_("The file has more than %(max)d rows.")
                                          % {"max": MAX_ROWS})
            row = {key: (raw.get(name) or "").strip() for key, name in columns.items()}
            position = _position(row)
            if not row["street"] or position is None:
                skipped.append({"line": line, "reason": _("no street or no WGS84 position")})
                continue
            addresses.append(Address(
                street=row["street"][:200], housenumber=number_key(row.get("number", ""))[:20],
                postcode=row.get("postcode", "")[:10], city=row.get("city", "")[:200],
                street_key=street_key(row["street"])[:200],
                location=Point(*position, srid=WGS84),
            ))
    with transaction.atomic():
        removed = Address.objects.all().delete()[0] if replace else 0
        Address.objects.bulk_create(addresses, batch_size=BATCH)
    return {"imported": len(addresses), "removed": removed, "skipped": skipped,
            "total": Address.objects.count()}
