"""Reminders: one per invited agency that has not answered, when the phase ends within
PORTAL_AGENCY_REMINDER_DAYS days – and never twice, also when two runs meet."""

import json
from datetime import UTC, datetime
from io import StringIO
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from planning.agencies.reminders import due_invitations, remind, send_reminders
from planning.agencies.submission import submit_agency_statement
from planning.agencies.tasks import send_agency_reminders_task
from planning.agencies.tokens import find_invitation
from planning.models import AgencyInvitation

pytestmark = pytest.mark.django_db

#: 1.10.2026 09:00 Berlin: the §4(2) phase (last day 5.10.) ends in under five days.
FIVE_DAYS_BEFORE = datetime(2026, 10, 1, 7, 0, tzinfo=UTC)
#: 30.9.2026 21:59 UTC = 23:59 Berlin: 6 days before the end.
SIX_DAYS_BEFORE = datetime(2026, 9, 30, 21, 59, tzinfo=UTC)


def reminders():
    return [m for m in mail.outbox if m.subject.startswith("Reminder")]


def run_command(*args) -> str:
    out = StringIO()
    call_command("send_agency_reminders", *args, stdout=out)
    return out.getvalue()


def test_reminders_go_out_once(world, invited):
    with time_machine.travel(SIX_DAYS_BEFORE, tick=False):
        run_command()
    assert reminders() == []
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        output = run_command()
        assert "2 due, 2 sent" in output
        run_command()
        send_agency_reminders_task.enqueue()
    assert len(reminders()) == 2
    with time_machine.travel(datetime(2026, 10, 5, 20, 0, tzinfo=UTC), tick=False):
        run_command()
    assert len(reminders()) == 2
    assert sorted(tuple(m.to) for m in reminders()) == [
        ("telekom@musterstadt.example",),
        ("wasser@musterstadt.example", "poststelle@musterstadt.example")]
    message = reminders()[0]
    assert "5 October 2026, 23:59" in message.body
    assert "/toeb/" not in message.body  # the link is never repeated
    for invitation in AgencyInvitation.objects.filter(phase=world["phase"], state="invited"):
        assert invitation.reminded_at == FIVE_DAYS_BEFORE


def test_two_runs_at_the_same_time_send_one_reminder(world, invited):
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        first = list(due_invitations())
        second = list(due_invitations())  # a second run that read the same list
        outcomes = [remind(inv) for inv in first] + [remind(inv) for inv in second]
    assert sorted(outcomes) == ["already reminded"] * 2 + ["sent"] * 2
    assert len(reminders()) == 2


def test_answered_agencies_are_not_reminded(world, invited):
    invitation = find_invitation(invited["water"])
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        submit_agency_statement(invitation=invitation, no_concerns=True)
        report = send_reminders()
    assert [row["agency"] for row in report.results] == ["Telekom Musterstadt"]
    assert [m.to for m in reminders()] == [["telekom@musterstadt.example"]]


def test_dry_run_and_json_report_send_nothing(world, invited):
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        data = json.loads(run_command("--dry-run", "--json"))
    assert data["due"] == 2 and data["sent"] == 0 and data["dry_run"] is True
    assert {row["outcome"] for row in data["invitations"]} == {"would be sent"}
    assert "wasser@" not in json.dumps(data)  # no addresses in the report
    assert reminders() == []
    assert not AgencyInvitation.objects.filter(reminded_at__isnull=False).exists()


def test_the_days_come_from_the_setting(world, invited, settings):
    settings.PORTAL_AGENCY_REMINDER_DAYS = 7
    with time_machine.travel(SIX_DAYS_BEFORE, tick=False):
        assert json.loads(run_command("--json"))["sent"] == 2


def test_closed_phases_and_links_not_yet_sent_are_not_due(world, invited):
    AgencyInvitation.objects.filter(agency=world["telecom"]).update(token_hash="")
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        assert [i.agency_id for i in due_invitations()] == [world["water"].pk]
    with time_machine.travel(datetime(2026, 10, 5, 22, 0, tzinfo=UTC), tick=False):
        assert list(due_invitations()) == []


def test_a_refused_mail_is_retried_by_the_next_run(world, invited):
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                        side_effect=ConnectionRefusedError), pytest.raises(CommandError):
            run_command()
        assert not AgencyInvitation.objects.filter(reminded_at__isnull=False).exists()
        assert json.loads(run_command("--json"))["sent"] == 2
    assert len(reminders()) == 2
