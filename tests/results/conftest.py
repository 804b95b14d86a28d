"""Fixtures for the result release: the weighing fixtures (1,000 statements) and a small plan
with every kind of recipient."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.gis.geos import Point
from django.utils import timezone

from planning.models import (
    Agency,
    Consideration,
    CoSignature,
    Decision,
    ModerationState,
    Statement,
    StatementGroup,
    SubmitterKind,
)
from planning.statements.normalise import text_hash
from planning.weighing import decisions, grouping, sections

from ..factories import make_staff
from ..gis.conftest import run_worker  # noqa: F401
from ..weighing.conftest import procedure_plan, thousand_statements, town  # noqa: F401

#: After the fixture's phase (1.9.–5.10.2026): nothing takes statements any more.
AFTER = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
MASS_REASONING = "Das Überschwemmungsgebiet bleibt unberührt (Gutachten S. 12)."


@pytest.fixture
def after_phase():
    with time_machine.travel(AFTER, tick=False):
        yield AFTER


@pytest.fixture
def planner(town):  # noqa: F811
    return make_staff(town, "planner", "planerin")


def decide_everything(plan, user=None) -> None:
    """Group identical texts, weigh the groups, and decide every other statement (bulk)."""
    for group in grouping.group_identical(plan=plan, user=user):
        decisions.decide(target=group, user=user, decision=Decision.NOT_CONSIDERED,
                         reasoning=MASS_REASONING)
    for group in StatementGroup.objects.filter(plan=plan, consideration__isnull=True):
        decisions.decide(target=group, user=user, decision=Decision.NOTED)
    todo = Statement.objects.filter(plan=plan, group__isnull=True, sections__isnull=True,
                                    consideration__isnull=True)
    Consideration.objects.bulk_create([
        Consideration(authority_id=s.authority_id, statement=s, decision=Decision.CONSIDERED,
                      reasoning=f"Wird berücksichtigt ({s.reference}).")
        for s in todo
    ], batch_size=500)


def add_statement(plan, phase, reference, *, minutes=0, **fields) -> Statement:
    text = fields.pop("text", f"Anregung {reference}: bitte den Spielplatz erhalten.")
    defaults = {
        "authority": plan.authority, "plan": plan, "phase": phase, "reference": reference,
        "text": text, "text_hash": text_hash(text), "topics": ["Wohnen"],
        "received_at": datetime(2026, 9, 3, 10, 0, tzinfo=UTC) + timedelta(minutes=minutes),
    }
    defaults.update(fields)
    return Statement.objects.create(**defaults)


@pytest.fixture
def small_plan(procedure_plan, planner):  # noqa: F811
    """12 statements: e-mail, anonymous with e-mail, letters (postcodes out of order), an
    anonymous one without any address, an agency, a mass objection of two, a statement in
    sections, a co-signer."""
    plan, phase = procedure_plan
    centre = plan.area.centroid
    agency = Agency.objects.create(authority=plan.authority, name="Landesamt für Umwelt",
                                   emails=["toeb@lfu.example.org", "poststelle@lfu.example.org"])
    s = {}
    s["mail"] = add_statement(plan, phase, "ST-2026-00001", minutes=1, name="Erika Mustermann",
                              street="Lindenweg 7", postcode="01067", city="Dresden",
                              email="erika@example.org",
                              location=Point(centre.x, centre.y, srid=25832))
    s["anon_mail"] = add_statement(plan, phase, "ST-2026-00002", minutes=2, is_anonymous=True,
                                   email="anonym@example.org")
    s["letter_b"] = add_statement(plan, phase, "ST-2026-00003", minutes=3, name="Bruno Brief",
                                  street="Postweg 3", postcode="04109", city="Leipzig")
    s["letter_a"] = add_statement(plan, phase, "ST-2026-00004", minutes=4, name="Anna Amsel",
                                  street="Amselgasse 1", postcode="01099", city="Dresden")
    s["letter_c"] = add_statement(plan, phase, "ST-2026-00005", minutes=5, name="Carl Cello",
                                  street="Cellostraße 9", postcode="01099", city="Dresden")
    s["letter_d"] = add_statement(plan, phase, "ST-2026-00006", minutes=6, name="Dora Dach",
                                  street="Dachweg 2", postcode="99084", city="Erfurt")
    s["nobody"] = add_statement(plan, phase, "ST-2026-00007", minutes=7, is_anonymous=True)
    s["agency"] = add_statement(plan, phase, "ST-2026-00008", minutes=8,
                                submitter_kind=SubmitterKind.AGENCY, agency=agency,
                                text="Keine Bedenken aus Sicht des Naturschutzes.")
    same = "Wir sind gegen die Bebauung der Wiese am Bach."
    s["mass_1"] = add_statement(plan, phase, "ST-2026-00009", minutes=9, text=same,
                                name="Max Masse", email="max@example.org")
    s["mass_2"] = add_statement(plan, phase, "ST-2026-00010", minutes=10, text=same,
                                name="Mia Masse", street="Massenweg 5", postcode="06108",
                                city="Halle")
    s["split"] = add_statement(plan, phase, "ST-2026-00011", minutes=11, name="Siggi Teil",
                               email="siggi@example.org",
                               text="Erstens zum Verkehr. Zweitens zum Lärm.",
                               moderation=ModerationState.APPROVED)
    s["cosigned"] = add_statement(plan, phase, "ST-2026-00012", minutes=12, name="Otto Offen",
                                  email="otto@example.org", moderation=ModerationState.APPROVED,
                                  public_text="Bitte den Spielplatz erhalten (öffentlich).")
    CoSignature.objects.create(statement=s["cosigned"], name="Clara Mit",
                               email="clara@example.org", postcode="01069",
                               confirmed_at=timezone.now())
    parts = sections.split_statement(statement=s["split"],
                                     parts=["Erstens zum Verkehr.", "Zweitens zum Lärm."])
    decisions.decide(target=parts[0], user=planner, decision=Decision.CONSIDERED,
                     reasoning="Eine Querungshilfe wird vorgesehen.")
    decisions.decide(target=parts[1], user=planner, decision=Decision.NOT_CONSIDERED,
                     reasoning="Die Lärmwerte werden eingehalten.")
    return plan, phase, s
