"""Dialogues in the one overview of all procedures (portal/procedures/listing.py): the
dialogue's page, its map area as its place, the start of its text as summary."""

from django.contrib.gis.db.models.functions import PointOnSurface, Transform
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator

from gis.srid import WGS84
from portal.procedures import listing

from .kinds import PROCEDURE_KIND

SUMMARY_WORDS = 30


def present_dialogues(procedures) -> dict[int, listing.Presentation]:
    from .models import Dialogue

    rows = (Dialogue.objects.filter(procedure_id__in=listing.ids_of(procedures))
            .annotate(spot=Transform(PointOnSurface("area"), WGS84))
            .values("procedure_id", "uid", "authority__slug", "text", "spot"))
    return {
        row["procedure_id"]: listing.Presentation(
            url=reverse("dialogues:detail", kwargs={
                "authority_slug": row["authority__slug"], "dialogue_uid": row["uid"]}),
            location=row["spot"],
            summary=Truncator(row["text"]).words(SUMMARY_WORDS),
        )
        for row in rows
    }


LISTING = listing.ProcedureListing(
    kinds=(PROCEDURE_KIND,),
    present=present_dialogues,
    is_public=lambda: Q(dialogue__isnull=False),
    located_in=lambda area: Q(dialogue__area__intersects=area),
)


def register() -> None:
    listing.register(LISTING)
