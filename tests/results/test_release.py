"""Releasing results: refused while undecided, one release and one notification per recipient."""

from datetime import date

import pytest
import time_machine

from planning.models import (
    Decision,
    NotificationChannel,
    ResultNotification,
    ResultRelease,
    Statement,
)
from planning.results.readiness import check_readiness
from planning.results.release import ResultsNotReady, mark_letters_posted, release_results
from planning.services.phases import schedule_phase
from planning.weighing import decisions

from .conftest import AFTER, add_statement, decide_everything

pytestmark = pytest.mark.django_db


def _notifications(plan):
    return {(n.statement.reference, n.cosignature.email if n.cosignature else None, n.channel,
             n.recipient)
            for n in ResultNotification.objects.filter(statement__plan=plan)
            .select_related("statement", "cosignature")}


def test_refused_while_a_statement_is_undecided(small_plan, after_phase):
    plan, _phase, s = small_plan
    decide_everything(plan)
    Statement.objects.get(pk=s["letter_a"].pk).consideration.delete()
    with pytest.raises(ResultsNotReady) as refused:
        release_results(plan=plan)
    readiness = refused.value.readiness
    assert readiness.undecided_count == 1
    assert [st.reference for st in readiness.undecided] == ["ST-2026-00004"]
    assert not ResultRelease.objects.exists() and not ResultNotification.objects.exists()


def test_a_section_or_group_without_decision_counts_as_undecided(small_plan, after_phase):
    plan, _phase, s = small_plan
    decide_everything(plan)
    section = s["split"].sections.get(order=2)
    decisions.decide(target=section, user=None, decision="", reasoning="")
    group = Statement.objects.get(pk=s["mass_1"].pk).group
    decisions.decide(target=group, user=None, decision="")
    readiness = check_readiness(plan=plan)
    assert sorted(st.reference for st in readiness.undecided) == [
        "ST-2026-00009", "ST-2026-00010", "ST-2026-00011"]


def test_refused_while_a_phase_takes_statements(small_plan):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    later = schedule_phase(plan=plan, kind="baugb_4a_3", start_date=date(2026, 11, 1),
                           end_date=date(2026, 12, 4))
    with time_machine.travel(AFTER, tick=False), pytest.raises(ResultsNotReady) as refused:
        release_results(plan=plan)
    assert refused.value.readiness.open_phases == [later]
    assert not ResultRelease.objects.exists()


def test_release_plans_one_notification_per_recipient_and_is_idempotent(small_plan, planner,
                                                                         after_phase):
    plan, _phase, s = small_plan
    decide_everything(plan)
    first = release_results(plan=plan, user=planner, publish=True)
    assert first.created and first.release.released_by == planner
    assert first.release.released_at == AFTER
    assert first.new_notifications == {"email": 7, "letter": 5}
    assert first.unreachable == 1  # the anonymous statement without any address
    assert _notifications(plan) == {
        ("ST-2026-00001", None, "email", "erika@example.org"),
        ("ST-2026-00002", None, "email", "anonym@example.org"),
        ("ST-2026-00003", None, "letter", "Bruno Brief, Postweg 3, 04109 Leipzig"),
        ("ST-2026-00004", None, "letter", "Anna Amsel, Amselgasse 1, 01099 Dresden"),
        ("ST-2026-00005", None, "letter", "Carl Cello, Cellostraße 9, 01099 Dresden"),
        ("ST-2026-00006", None, "letter", "Dora Dach, Dachweg 2, 99084 Erfurt"),
        ("ST-2026-00008", None, "email", "toeb@lfu.example.org, poststelle@lfu.example.org"),
        ("ST-2026-00009", None, "email", "max@example.org"),
        ("ST-2026-00010", None, "letter", "Mia Masse, Massenweg 5, 06108 Halle"),
        ("ST-2026-00011", None, "email", "siggi@example.org"),
        ("ST-2026-00012", None, "email", "otto@example.org"),
        ("ST-2026-00012", "clara@example.org", "email", "clara@example.org"),
    }
    again = release_results(plan=plan, user=planner, publish=False)
    assert not again.created and again.release.pk == first.release.pk
    assert again.new_notifications == {"email": 0, "letter": 0}
    assert ResultRelease.objects.count() == 1 and ResultRelease.objects.get().publish is True
    assert ResultNotification.objects.count() == 12


def test_a_statement_decided_after_the_release_is_told_once(small_plan, after_phase):
    plan, phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    late = add_statement(plan, phase, "ST-2026-00013", minutes=60 * 24 * 40, is_late=True,
                         email="spaet@example.org")
    with pytest.raises(ResultsNotReady):
        release_results(plan=plan)
    decisions.decide(target=late, user=None, decision=Decision.NOTED)
    outcome = release_results(plan=plan)
    assert not outcome.created and outcome.new_notifications == {"email": 1, "letter": 0}
    assert release_results(plan=plan).new_notifications == {"email": 0, "letter": 0}
    assert ResultNotification.objects.filter(statement=late).count() == 1


def test_an_address_changed_after_the_release_does_not_add_a_second_channel(small_plan,
                                                                           after_phase):
    plan, _phase, s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    Statement.objects.filter(pk=s["letter_a"].pk).update(email="anna@example.org")
    assert release_results(plan=plan).new_notifications == {"email": 0, "letter": 0}


def test_letters_are_recorded_as_posted_once(small_plan, after_phase):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    letters = ResultNotification.objects.filter(channel=NotificationChannel.LETTER)
    newest = letters.order_by("-pk").first().pk
    assert mark_letters_posted(plan=plan, up_to_id=newest) == 5
    assert mark_letters_posted(plan=plan, up_to_id=newest) == 0
    assert all(n.sent_at == AFTER for n in letters)


def test_thousand_statements_one_mass_objection(thousand_statements, after_phase):
    plan, _phase = thousand_statements
    decide_everything(plan)
    outcome = release_results(plan=plan)
    assert outcome.new_notifications == {"email": 1000, "letter": 0}
    assert release_results(plan=plan).new_notifications == {"email": 0, "letter": 0}
    assert ResultNotification.objects.count() == 1000


def test_agency_addresses_are_validated_deduplicated_and_fit_the_record(small_plan):
    from planning.results.recipients import RECIPIENT_MAX, email_addresses

    _plan, _phase, s = small_plan
    statement = Statement.objects.select_related("agency").get(pk=s["agency"].pk)
    statement.agency.emails = ["toeb@lfu.example.org", "TOEB@lfu.example.org", "kein-at",
                               "x@y.example\r\nBcc: evil@example.net"]
    statement.email = "sachbearbeitung@lfu.example.org"
    assert email_addresses(statement) == ["toeb@lfu.example.org",
                                          "sachbearbeitung@lfu.example.org"]
    statement.agency.emails = [f"stelle{i:02d}@lfu.example.org" for i in range(20)]
    kept = email_addresses(statement)
    assert 5 < len(kept) < 20 and len(", ".join(kept)) <= RECIPIENT_MAX
