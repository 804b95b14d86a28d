"""The 1,000-statement procedure of tests/weighing, weighed in part, plus hostile texts."""

from datetime import UTC, datetime

import pytest
from django.contrib.gis.geos import Point

from planning.models import Decision, ModerationState, Statement
from planning.statements.normalise import text_hash
from planning.weighing import decisions, grouping, sections

from ..factories import make_authority, make_plan, make_staff, square
from ..gis.conftest import run_worker  # noqa: F401
from ..weighing.conftest import procedure_plan, thousand_statements, town  # noqa: F401

INJECTION = '=HYPERLINK("http://x","klick")'
GROUP_REASONING = "Das Überschwemmungsgebiet bleibt unberührt (Gutachten S. 12)."
SINGLE_REASONING = "Die Baustraße wird von der Hauptstraße aus angelegt."


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Export files go to a temp dir, not var/test-media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def planner(town):  # noqa: F811
    return make_staff(town, "planner", "planerin")


@pytest.fixture
def weighed(thousand_statements, planner):  # noqa: F811
    """The mass objection decided on the group, some statements decided one by one, one split
    into sections, hostile texts in cells, personal data inside a statement's text."""
    plan, phase = thousand_statements
    (group,) = grouping.group_identical(plan=plan, user=planner)
    decisions.decide(target=group, user=planner, decision=Decision.NOT_CONSIDERED,
                     reasoning=GROUP_REASONING)
    single = Statement.objects.get(reference="ST-2026-00302")
    decisions.decide(target=single, user=planner, decision=Decision.CONSIDERED,
                     reasoning=SINGLE_REASONING, plan_change="Baustraße im Plan ergänzt.")
    split = Statement.objects.get(reference="ST-2026-00401")
    first, second = sections.split_statement(statement=split, parts=["Zum Verkehr …",
                                                                     "Zum Lärm …"])
    decisions.decide(target=first, user=planner, decision=Decision.CONSIDERED, reasoning="Ja.")
    decisions.decide(target=second, user=planner, decision=Decision.NOTED)
    Statement.objects.filter(reference="ST-2026-00601").update(text=INJECTION)
    hostile = Statement.objects.get(reference="ST-2026-00602")
    decisions.decide(target=hostile, user=planner, decision=Decision.NOT_CONSIDERED,
                     reasoning="+cmd|' /C calc'!A0", plan_change="@SUM(1+1)")
    # Statement i=317 names its submitter in its own text and place description.
    Statement.objects.filter(reference="ST-2026-00318").update(
        text="Ich, Person 317, wohne in der Gasse 317 (01317), erreichbar unter "
             "person317@example.org, und bin gegen die Höhe.",
        location_text="vor dem Haus Gasse 317")
    Statement.objects.filter(reference="ST-2026-00319").update(
        moderation=ModerationState.APPROVED, public_text="Bereinigter öffentlicher Text 318.")
    return plan, phase


@pytest.fixture
def other_town():
    """Another authority with its own plan and a few statements (tenancy)."""
    authority = make_authority(name="Nachbarstadt", slug="nachbarstadt", ags="14612999",
                               jurisdiction=square(840_000, 5_650_000, 5_000))
    plan = make_plan(authority, name="Fremder Plan", area=square(841_000, 5_651_000, 500))
    from datetime import date

    from planning.services.phases import schedule_phase

    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 1),
                           end_date=date(2026, 10, 5))
    Statement.objects.bulk_create([
        Statement(authority=authority, plan=plan, phase=phase, reference=f"NB-2026-{i:05d}",
                  text=f"Fremde Stellungnahme {i}", text_hash=text_hash(f"Fremd {i}"),
                  location=Point(841_100 + i, 5_651_100, srid=25832), name=f"Fremd {i}",
                  email=f"fremd{i}@example.org", received_at=datetime(2026, 9, 3, tzinfo=UTC))
        for i in range(3)
    ])
    return authority, plan, phase
