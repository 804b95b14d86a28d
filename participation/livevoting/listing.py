"""Live-voting sessions in the one overview of all procedures (portal/procedures/listing.py):
the session's public page (join link while open, results once published), its description
as summary; a session has no place of its own."""

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator

from portal.procedures import listing

from .apps import PROCEDURE_KIND

SUMMARY_WORDS = 30


def present_sessions(procedures) -> dict[int, listing.Presentation]:
    from .models import VotingSession

    rows = (VotingSession.objects.filter(procedure_id__in=listing.ids_of(procedures))
            .values("procedure_id", "uid", "authority__slug", "description"))
    return {
        row["procedure_id"]: listing.Presentation(
            url=reverse("livevoting:session", kwargs={
                "authority_slug": row["authority__slug"], "session_uid": row["uid"]}),
            summary=Truncator(row["description"]).words(SUMMARY_WORDS),
        )
        for row in rows
    }


LISTING = listing.ProcedureListing(
    kinds=(PROCEDURE_KIND,),
    present=present_sessions,
    is_public=lambda: Q(live_vote__isnull=False),
)


def register() -> None:
    listing.register(LISTING)
