"""apply_retention: the dry run reports what the run then does; afterwards only what the
rules keep remains; a second run changes nothing."""

import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command

from dataprotection.models import AccessLogEntry, RetentionRule
from planning.models import (
    Consideration,
    CoSignature,
    ResultNotification,
    Statement,
    StatementAttachment,
    SubmitterKind,
)

from .conftest import AFTER_COSIGNER_RETENTION, AFTER_STATEMENT_RETENTION

pytestmark = pytest.mark.django_db

TYPES = {"statement_submitters", "statement_attachments", "cosigners", "agency_contacts",
         "access_log", "incident_reporters", "incident_supporters", "incident_photos",
         "survey_tokens", "survey_responses", "unconfirmed_subscriptions",
         "event_registrations"}
#: The module types (tests/dataprotection/test_retention_modules.py), none due here.
NO_INCIDENTS = {"incident_reporters": 0, "incident_supporters": 0, "incident_photos": 0,
                "survey_tokens": 0, "survey_responses": 0, "unconfirmed_subscriptions": 0,
                "event_registrations": 0}


def run(*args) -> dict:
    out = io.StringIO()
    call_command("apply_retention", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def with_personal_data():
    """What remains per type."""
    public = Statement.objects.filter(submitter_kind=SubmitterKind.PUBLIC)
    return {
        "statement_submitters": public.exclude(name="", email="", street="", postcode="",
                                               city="").count(),
        "agency_contacts": Statement.objects.filter(submitter_kind=SubmitterKind.AGENCY)
        .exclude(name="", email="").count(),
        "statement_attachments": StatementAttachment.objects.count(),
        "cosigners": CoSignature.objects.exclude(name="").count(),
        "access_log": AccessLogEntry.objects.count(),
    }


def test_nothing_is_due_before_the_retention_ends(world, town):
    with time_machine.travel(AFTER_COSIGNER_RETENTION.replace(year=2027, month=1), tick=False):
        report = run("--dry-run")
    assert report["dry_run"] is True
    assert report["authorities"]["musterstadt"] == dict.fromkeys(TYPES, 0)


def test_dry_run_counts_equal_the_run_and_only_what_the_rules_keep_remains(world, town, admin):
    _plan, _phase, s = world
    with time_machine.travel(AFTER_COSIGNER_RETENTION.replace(year=2026, month=10), tick=False):
        AccessLogEntry.objects.create(authority=town, user=admin, what="letters", path="/x/")
    before = with_personal_data()
    assert before == {"statement_submitters": 11, "agency_contacts": 1,
                      "statement_attachments": 2, "cosigners": 1, "access_log": 1}
    Statement.objects.filter(pk__in=[s["mail"].pk, s["nobody"].pk]).update(fingerprint="f" * 64)
    texts = dict(Statement.objects.values_list("pk", "text"))
    considerations = dict(Consideration.objects.values_list("pk", "reasoning"))

    with time_machine.travel(AFTER_COSIGNER_RETENTION, tick=False):
        dry = run("--dry-run")["authorities"]["musterstadt"]
        done = run()["authorities"]["musterstadt"]
    assert dry == done == {"statement_submitters": 0, "statement_attachments": 0,
                           "cosigners": 1, "agency_contacts": 0, "access_log": 0} | NO_INCIDENTS
    assert CoSignature.objects.get().name == "" and CoSignature.objects.count() == 1

    with time_machine.travel(AFTER_STATEMENT_RETENTION, tick=False):
        dry = run("--dry-run")["authorities"]["musterstadt"]
        assert with_personal_data()["statement_submitters"] == 11  # the dry run changed nothing
        done = run()["authorities"]["musterstadt"]
        again = run()["authorities"]["musterstadt"]
    # 10 public statements of the ended procedure (the eleventh is in the running one).
    assert dry == done == {"statement_submitters": 10, "statement_attachments": 1,
                           "cosigners": 0, "agency_contacts": 1, "access_log": 1} | NO_INCIDENTS
    assert again == dict.fromkeys(TYPES, 0)
    assert with_personal_data() == {"statement_submitters": 1, "agency_contacts": 0,
                                    "statement_attachments": 1, "cosigners": 0,
                                    "access_log": 0}
    # The replay fingerprint (a hash over the identity) goes with the submitter's data; an
    # anonymous statement's stays and is not counted.
    assert Statement.objects.get(pk=s["mail"].pk).fingerprint == ""
    assert Statement.objects.get(pk=s["nobody"].pk).fingerprint == "f" * 64
    running = Statement.objects.get(pk=s["running"].pk)
    assert running.name == "Erika Mustermann" and running.email == "erika@example.org"
    assert StatementAttachment.objects.get().statement_id == s["agency"].pk
    agency = Statement.objects.get(pk=s["agency"].pk)
    assert agency.agency_id is not None and agency.name == "" and agency.email == ""
    # The texts and the weighing stay as they were.
    assert dict(Statement.objects.values_list("pk", "text")) == texts
    assert dict(Consideration.objects.values_list("pk", "reasoning")) == considerations
    assert not ResultNotification.objects.exclude(recipient="").exists()


def test_rules_per_authority_replace_the_defaults(world, town):
    RetentionRule.objects.create(authority=town, data_type="statement_submitters", months=60)
    RetentionRule.objects.create(authority=town, data_type="cosigners", months=1,
                                 is_active=False)
    with time_machine.travel(AFTER_STATEMENT_RETENTION, tick=False):
        done = run("--authority", "musterstadt")["authorities"]["musterstadt"]
    assert done == {"statement_submitters": 0, "statement_attachments": 1,
                    "agency_contacts": 1, "access_log": 0} | NO_INCIDENTS  # cosigners: off
    assert with_personal_data()["cosigners"] == 1


def test_unknown_authority_is_an_error(world):
    with pytest.raises(CommandError):
        run("--authority", "gibt-es-nicht")


def test_text_output(world):
    out = io.StringIO()
    with time_machine.travel(AFTER_STATEMENT_RETENTION, tick=False):
        call_command("apply_retention", "--dry-run", stdout=out)
    assert "musterstadt\tstatement_submitters\twould change 10" in out.getvalue()


def test_the_task_reports_like_the_command(world, town):
    from dataprotection.tasks import apply_retention_task

    with time_machine.travel(AFTER_STATEMENT_RETENTION, tick=False):
        report = apply_retention_task.call()
    assert report["musterstadt"]["statement_submitters"] == 10
