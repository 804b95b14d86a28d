"""Surveys in the one overview of all procedures (portal/procedures/listing.py). A survey's
page answers only while it is open, so only an open survey has a link; surveys have no place."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from portal.procedures import listing

from .apps import PHASE_KIND, PROCEDURE_KIND

SUMMARY_WORDS = 30


def present_surveys(procedures) -> dict[int, listing.Presentation]:
    from .models import Survey

    now = timezone.now()
    open_ids = {procedure.pk for procedure in procedures
                if any(phase.kind == PHASE_KIND and phase.is_open(now)
                       for phase in procedure.phases.all())}
    rows = (Survey.objects.filter(procedure_id__in=listing.ids_of(procedures))
            .values("procedure_id", "uid", "authority__slug", "intro"))
    return {
        row["procedure_id"]: listing.Presentation(
            url=reverse("surveys:start", kwargs={
                "authority_slug": row["authority__slug"], "survey_uid": row["uid"]})
            if row["procedure_id"] in open_ids else "",
            summary=Truncator(row["intro"]).words(SUMMARY_WORDS),
        )
        for row in rows
    }


LISTING = listing.ProcedureListing(
    kinds=(PROCEDURE_KIND,),
    present=present_surveys,
    is_public=lambda: Q(survey__isnull=False),
)


def register() -> None:
    listing.register(LISTING)
