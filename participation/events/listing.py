"""Events in the one overview of all procedures (portal/procedures/listing.py): the event's
page, its place on the map, and when and where it is as summary."""

from django.contrib.gis.db.models.functions import Transform
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone

from gis.srid import WGS84
from portal.procedures import listing

from .kinds import PROCEDURE_KIND


def _when_and_where(starts_at, address: str) -> str:
    when = formats.date_format(timezone.localtime(starts_at), "DATETIME_FORMAT")
    return f"{when} · {address}" if address else when


def present_events(procedures) -> dict[int, listing.Presentation]:
    from .models import Event

    rows = (Event.objects.filter(procedure_id__in=listing.ids_of(procedures))
            .annotate(spot=Transform("location", WGS84))
            .values("procedure_id", "uid", "authority__slug", "starts_at", "address", "spot"))
    return {
        row["procedure_id"]: listing.Presentation(
            url=reverse("events:detail", args=[row["authority__slug"], row["uid"]]),
            location=row["spot"],
            summary=_when_and_where(row["starts_at"], row["address"]),
        )
        for row in rows
    }


LISTING = listing.ProcedureListing(
    kinds=(PROCEDURE_KIND,),
    present=present_events,
    is_public=lambda: Q(event__isnull=False),
    located_in=lambda area: Q(event__location__intersects=area),
)


def register() -> None:
    listing.register(LISTING)
