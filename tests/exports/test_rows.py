"""The common row builder: numbering of submitters, redaction, mass objections, progress."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from planning.exports.rows import ExportScope, build_entries
from planning.exports.submitters import Redactor
from planning.models import Decision, Statement
from planning.statements.normalise import text_hash
from planning.weighing import decisions, grouping

pytestmark = pytest.mark.django_db

START = datetime(2026, 9, 2, 8, 0, tzinfo=UTC)


def _statement(plan, phase, n, **fields):
    defaults = {"text": f"Eigener Text {n}", "name": f"Anna {n}", "email": f"a{n}@example.org"}
    defaults.update(fields)
    defaults["text_hash"] = text_hash(defaults["text"])
    return Statement.objects.create(authority=plan.authority, plan=plan, phase=phase,
                                    reference=f"R-{n:03d}", received_at=START + timedelta(hours=n),
                                    **defaults)


def test_public_numbers_are_stable_per_submitter(procedure_plan):
    plan, phase = procedure_plan
    _statement(plan, phase, 1)
    _statement(plan, phase, 2, name="Bernd", email="b@example.org")
    _statement(plan, phase, 3, name="ANNA 1", email="A1@example.org")  # Anna again
    _statement(plan, phase, 4, name="", email="")  # anonymous: a number of its own
    _statement(plan, phase, 5, name="", email="")
    with translation.override("en"):
        entries = list(build_entries(ExportScope(authority=plan.authority, plan=plan),
                                     variant="public"))
    assert [e.submitter for e in entries] == ["Submitter 1", "Submitter 2", "Submitter 1",
                                              "Submitter 3", "Submitter 4"]
    assert all(e.personal is None for e in entries)


def test_internal_entries_carry_personal_data_and_public_ones_redact_it(procedure_plan):
    plan, phase = procedure_plan
    _statement(plan, phase, 1, text="Ich bin Anna 1 (a1@example.org), Gasse 5.",
               street="Gasse 5", postcode="01099", city="Dresden")
    scope = ExportScope(authority=plan.authority, plan=plan)
    with translation.override("en"):
        (internal,) = build_entries(scope, variant="internal")
        (public,) = build_entries(scope, variant="public")
    assert internal.submitter == "Anna 1, 01099 Dresden"
    assert internal.personal["street"] == "Gasse 5"
    assert public.parts[0].text == "Ich bin […] ([…]), […]."


def test_redactor_matches_whole_words_in_any_case():
    class Submitter:
        name, organisation, street, postcode, email = "Li", "", "Am Ring 1", "01234", ""

    redact = Redactor.for_statement(Submitter())
    assert redact("am ring 1 und Am Ring 10, PLZ 01234, 012345") == \
        "[…] und Am Ring 10, PLZ […], 012345"
    assert redact("Li ist zu kurz") == "Li ist zu kurz"  # < 3 characters is not redacted


def test_mass_objection_collapses_and_progress_is_reported(procedure_plan):
    plan, phase = procedure_plan
    for n in range(1, 5):
        _statement(plan, phase, n, text="Gleicher Text gegen die Bebauung.")
    _statement(plan, phase, 5)
    (group,) = grouping.group_identical(plan=plan)
    decisions.decide(target=group, user=None, decision=Decision.NOTED)
    calls = []
    entries = list(build_entries(ExportScope(authority=plan.authority, plan=plan),
                                 variant="internal", collapse_identical=True,
                                 progress=lambda done, total: calls.append((done, total))))
    assert [e.reference for e in entries] == ["R-001", "R-005"]
    assert [m.reference for m in entries[0].further] == ["R-002", "R-003", "R-004"]
    assert entries[0].further[0].submitter == "Anna 2"
    assert entries[0].decision == Decision.NOTED and entries[1].decision == ""
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)
