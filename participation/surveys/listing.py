"""Surveys in the one overview of all procedures (portal/procedures/listing.py). A survey's
page answers only while it is open, so only an open survey has a link. Its place: the area its
first map question is limited to, if one is (a survey without one has no place)."""

from django.contrib.gis.db.models.functions import PointOnSurface, Transform
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from gis.srid import WGS84
from portal.procedures import listing

from .apps import PHASE_KIND, PROCEDURE_KIND

SUMMARY_WORDS = 30


def present_surveys(procedures) -> dict[int, listing.Presentation]:
    from .models import Question, Survey

    now = timezone.now()
    open_ids = {procedure.pk for procedure in procedures
                if any(phase.kind == PHASE_KIND and phase.is_open(now)
                       for phase in procedure.phases.all())}
    rows = (Survey.objects.filter(procedure_id__in=listing.ids_of(procedures))
            .values("procedure_id", "uid", "authority__slug", "intro"))
    places: dict[int, object] = {}
    for procedure_id, spot in (
            Question.objects.filter(survey__procedure_id__in=listing.ids_of(procedures),
                                    limit_area__isnull=False)
            .order_by("-order", "-pk")
            .annotate(spot=Transform(PointOnSurface("limit_area"), WGS84))
            .values_list("survey__procedure_id", "spot")):
        places[procedure_id] = spot  # the last written is the first question
    return {
        row["procedure_id"]: listing.Presentation(
            url=reverse("surveys:start", kwargs={
                "authority_slug": row["authority__slug"], "survey_uid": row["uid"]})
            if row["procedure_id"] in open_ids else "",
            location=places.get(row["procedure_id"]),
            summary=Truncator(row["intro"]).words(SUMMARY_WORDS),
        )
        for row in rows
    }


LISTING = listing.ProcedureListing(
    kinds=(PROCEDURE_KIND,),
    present=present_surveys,
    is_public=lambda: Q(survey__isnull=False),
    located_in=lambda area: Q(survey__pk__in=_surveys_limited_to(area)),
)


def _surveys_limited_to(area):
    from .models import Survey

    return Survey.objects.filter(questions__limit_area__intersects=area).values("pk")


def register() -> None:
    listing.register(LISTING)
