"""CSV export of filtered statements for staff, in the column layout of the import.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
return) are prefixed with an apostrophe (SECURITY.md C8, OWASP "CSV injection"): the text stays
readable and is never executed. Geometry is written as WKT in EPSG:4326, computed in SQL.
"""

import csv
import io

from django.contrib.gis.db.models.functions import AsWKT, Transform
from django.db.models import QuerySet
from django.utils import timezone

from gis.srid import WGS84

from .importing import HEADERS

EXPORT_ONLY = ["plan", "phase", "late", "moderation"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _location(row) -> str:
    return row.location_wkt or row.location_text or ""


def export_rows(statements: QuerySet) -> list[list[str]]:
    rows = [HEADERS + EXPORT_ONLY]
    queryset = (
        statements.select_related("plan", "phase")
        .annotate(location_wkt=AsWKT(Transform("location", WGS84), precision=7))
        .defer("fingerprint", "plan__area", "location")
        .order_by("received_at", "pk")
    )
    for s in queryset.iterator(chunk_size=500):
        values = {
            "reference": s.reference,
            "received": timezone.localtime(s.received_at).strftime("%Y-%m-%d %H:%M"),
            "channel": s.channel, "name": s.name, "organisation": s.organisation,
            "street": s.street, "postcode": s.postcode, "city": s.city, "email": s.email,
            "text": s.text, "topics": "; ".join(s.topics or []), "location": _location(s),
            "plan": s.plan.name, "phase": s.phase.display_title,
            "late": "yes" if s.is_late else "no", "moderation": s.moderation,
        }
        rows.append([neutralise(values[key]) for key in HEADERS + EXPORT_ONLY])
    return rows


def export_csv(statements: QuerySet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows(export_rows(statements))
    # UTF-8 with BOM: Excel on German Windows opens it with the right characters.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
