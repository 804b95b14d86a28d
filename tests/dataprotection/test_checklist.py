"""The checklist before a procedure opens: derived warnings, ticking off with who and when,
the status on the plan's staff page."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from dataprotection.models import ChecklistTick, RetentionRule
from dataprotection.notice import Scope, generate_both, publish
from planning.models import StatementSettings
from planning.models.participation_settings import IdentityMode

from ..factories import make_staff
from ..statements.conftest import phase, plan  # noqa: F401

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def before_the_phase():
    with time_machine.travel(datetime(2026, 9, 1, 10, 0, tzinfo=UTC)):
        yield


def url(procedure):
    return reverse("dataprotection:checklist", kwargs={"procedure_pk": procedure.pk})


def warnings(client, procedure) -> str:
    page = client.get(url(procedure), **EN)
    assert page.status_code == 200
    html = page.content.decode()
    return html[html.index('id="checklist-warnings"'):html.index('id="items-heading"')]


def test_warnings_follow_the_settings(client, plan, phase):  # noqa: F811
    client.force_login(make_staff(plan.authority, "planner", "check-planer"))
    found = warnings(client, plan.procedure)
    assert "names no data protection officer" in found
    assert "Names and addresses are required" not in found
    assert "displayed publicly" not in found
    assert "attachments" in found
    StatementSettings.objects.create(phase=phase, identity=IdentityMode.NAMED,
                                     display_publicly=True)
    found = warnings(client, plan.procedure)
    assert "Names and addresses are required" in found and "displayed publicly" in found
    RetentionRule.objects.create(authority=plan.authority, data_type="statement_submitters",
                                 months=36)
    plan.authority.dpo_email = "dsb@musterstadt.example"
    plan.authority.save()
    found = warnings(client, plan.procedure)
    assert "Names and addresses are required" not in found
    assert "names no data protection officer" not in found


def test_items_are_ticked_off_with_who_and_when_and_the_plan_page_shows_it(
        client, plan, phase):  # noqa: F811
    planner = make_staff(plan.authority, "planner", "check-planer")
    client.force_login(planner)
    detail = reverse("planning_staff:plan-detail", args=[plan.uid])
    assert "0 of 4 items done" in client.get(detail, **EN).content.decode()
    # The notice cannot be ticked before it is published without gaps.
    refused = client.post(url(plan.procedure), {"item": "notice", "action": "tick"}, **EN)
    assert refused.status_code == 400 and "Publish the privacy notice" in refused.content.decode()
    scope = Scope.of_procedure(plan.procedure)
    text_de, text_en = generate_both(scope)
    publish(scope, text_de=text_de, text_en=text_en, legal_basis="public_task")  # DPO missing
    assert client.post(url(plan.procedure), {"item": "notice"}).status_code == 400
    publish(scope, text_de="Vollständig.", text_en="Complete.", legal_basis="public_task")
    for item in ("notice", "retention", "legal_basis", "dpo_informed"):
        assert client.post(url(plan.procedure), {"item": item}).status_code == 302
    assert client.post(url(plan.procedure), {"item": "unbekannt"}).status_code == 400
    tick = ChecklistTick.objects.get(procedure=plan.procedure, item="notice")
    assert tick.ticked_by == planner and tick.ticked_at is not None
    page = client.get(url(plan.procedure), **EN).content.decode()
    assert "Done: check-planer" in page
    assert "The data-protection checklist is done." in client.get(detail, **EN).content.decode()
    client.post(url(plan.procedure), {"item": "retention", "action": "untick"})
    assert not ChecklistTick.objects.filter(item="retention").exists()
    assert "3 of 4 items done" in client.get(detail, **EN).content.decode()
