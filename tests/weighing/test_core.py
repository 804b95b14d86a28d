"""Weighing 1,000 statements: the mass objection is weighed once and reaches all 300."""

import pytest
from django.core.exceptions import ValidationError

from planning.models import Decision, Statement, StatementGroup
from planning.weighing import decisions, grouping, results, sections

from ..factories import make_staff
from .conftest import MASS_TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(town):
    return make_staff(town, "planner", "planerin")


def test_mass_objection_grouped_and_weighed_once(thousand_statements, planner):
    plan, _phase = thousand_statements
    groups = grouping.group_identical(plan=plan, user=planner)
    assert len(groups) == 1
    group = groups[0]
    assert group.statements.count() == 300
    assert grouping.group_identical(plan=plan, user=planner)[0].pk == group.pk  # idempotent
    decisions.decide(target=group, user=planner, decision=Decision.NOT_CONSIDERED,
                     reasoning="Das Überschwemmungsgebiet bleibt unberührt (Gutachten S. 12).")
    outcome = results.statement_results(Statement.objects.filter(plan=plan))
    assert len(outcome) == 1000
    mass = [r for r in outcome if r.statement.group_id == group.pk]
    assert len(mass) == 300
    assert {r.decision for r in mass} == {Decision.NOT_CONSIDERED}
    assert all("Gutachten" in r.parts[0].reasoning for r in mass)
    assert sum(1 for r in outcome if r.decided) == 300


def test_near_duplicates_are_suggested_and_can_be_confirmed_and_split(thousand_statements, planner):
    plan, _phase = thousand_statements
    grouping.group_identical(plan=plan, user=planner)
    suggestions = grouping.suggest_similar(plan=plan)
    near = {s.pk for s in Statement.objects.filter(plan=plan, reference__in=[
        f"ST-2026-{i:05d}" for i in range(301, 306)])}
    suggested_pairs = [(s.first.pk, s.second.pk) for s in suggestions]
    assert suggested_pairs and all(a in near and b in near for a, b in suggested_pairs)
    group = grouping.confirm_group(statements=list(Statement.objects.filter(pk__in=near)),
                                   title="Zufahrt Bachweg", user=planner)
    assert group.statements.count() == 5
    one = group.statements.first()
    grouping.remove_from_group(statement=one, user=planner)
    assert group.statements.count() == 4
    decisions.decide(target=one, user=planner, decision=Decision.CONSIDERED,
                     reasoning="Baustraße wird vorgesehen.")
    with pytest.raises(ValidationError):
        decisions.decide(target=group.statements.first(), user=planner, decision=Decision.NOTED)


def test_sections_weighed_on_their_own_and_history_kept(thousand_statements, planner):
    plan, _phase = thousand_statements
    statement = Statement.objects.get(reference="ST-2026-00400")
    parts = sections.split_statement(statement=statement, parts=["Zum Verkehr …", "Zum Lärm …"])
    with pytest.raises(ValidationError):
        decisions.decide(target=statement, user=planner, decision=Decision.NOTED)
    decisions.decide(target=parts[0], user=planner, decision=Decision.CONSIDERED, reasoning="Ja.")
    decisions.decide(target=parts[1], user=planner, decision=Decision.NOT_CONSIDERED,
                     reasoning="Nein.")
    (result,) = results.statement_results(Statement.objects.filter(pk=statement.pk))
    assert result.decision == Decision.PARTLY and len(result.parts) == 2
    changed = decisions.decide(target=parts[1], user=planner, decision=Decision.PARTLY,
                               reasoning="Teilweise.")
    history = list(changed.history.order_by("history_date"))
    assert [h.decision for h in history] == [Decision.NOT_CONSIDERED, Decision.PARTLY]
    assert {h.history_user for h in history} == {planner}


def test_a_decision_needs_reasons_except_noted(thousand_statements, planner):
    statement = Statement.objects.get(reference="ST-2026-00500")
    with pytest.raises(ValidationError):
        decisions.decide(target=statement, user=planner, decision=Decision.NOT_CONSIDERED)
    decisions.decide(target=statement, user=planner, decision=Decision.NOTED)
    assert statement.consideration.decision == Decision.NOTED


def test_identical_detection_ignores_case_and_spacing(thousand_statements):
    plan, _ = thousand_statements
    grouping.group_identical(plan=plan)
    assert StatementGroup.objects.get().statements.filter(text=MASS_TEXT.upper().replace(" ", "  ")).exists()


def test_a_notification_exists_once_per_recipient_on_every_database(thousand_statements):
    from django.db import IntegrityError, transaction

    from planning.models import CoSignature, ResultNotification

    statement = Statement.objects.get(reference="ST-2026-00001")
    ResultNotification.objects.create(statement=statement, channel="email", recipient="a@x.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultNotification.objects.create(statement=statement, channel="email", recipient="a@x.org")
    cosigner = CoSignature.objects.create(statement=statement, name="M", email="m@x.org")
    ResultNotification.objects.create(statement=statement, cosignature=cosigner, channel="email",
                                      recipient="m@x.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        ResultNotification.objects.create(statement=statement, cosignature=cosigner,
                                          channel="email", recipient="m@x.org")
