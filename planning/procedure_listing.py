"""BauGB plan procedures in the one overview of all procedures (portal/procedures/listing.py):
the plan's page, the Geltungsbereich as its place, the plan's description as summary."""

from django.contrib.gis.db.models.functions import PointOnSurface, Transform
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator

from gis.srid import WGS84
from portal.procedures import listing

from .procedures import PROCEDURE_KINDS

SUMMARY_WORDS = 30


def present_plans(procedures) -> dict[int, listing.Presentation]:
    from .models import Plan

    rows = (Plan.objects.filter(procedure_id__in=listing.ids_of(procedures), is_published=True)
            .annotate(spot=Transform(PointOnSurface("area"), WGS84))
            .values("procedure_id", "uid", "authority__slug", "description", "spot"))
    return {
        row["procedure_id"]: listing.Presentation(
            url=reverse("planning:plan-detail", kwargs={
                "authority_slug": row["authority__slug"], "plan_uid": row["uid"]}),
            location=row["spot"],
            summary=Truncator(row["description"]).words(SUMMARY_WORDS),
        )
        for row in rows
    }


LISTING = listing.ProcedureListing(
    kinds=tuple(kind.code for kind in PROCEDURE_KINDS),
    present=present_plans,
    is_public=lambda: Q(plan__is_published=True),
    located_in=lambda area: Q(plan__area__intersects=area),
)


def register() -> None:
    listing.register(LISTING)
