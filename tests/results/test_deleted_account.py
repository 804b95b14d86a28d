"""A deleted staff account leaves its traces as "deleted account"; every staff page still works."""

import pytest
from django.test import Client
from django.urls import reverse

from planning.exports.jobs import create_export_job
from planning.models import (
    Channel,
    Decision,
    InternalNote,
    Statement,
    StatementGroup,
    XPlanImportJob,
)
from planning.results.release import release_results
from planning.weighing import decisions

from ..factories import make_staff
from .conftest import decide_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def traces_of_a_deleted_planner(small_plan, planner, after_phase, django_capture_on_commit_callbacks):
    plan, phase, s = small_plan
    Statement.objects.filter(pk=s["letter_b"].pk).update(entered_by=planner, channel=Channel.LETTER)
    InternalNote.objects.create(statement=s["letter_a"], author=planner, text="Rückfrage Amt 61")
    decisions.decide(target=s["letter_a"], user=planner, decision=Decision.CONSIDERED,
                     reasoning="Wird geprüft.", assignee=planner)
    decide_everything(plan, user=planner)
    release_results(plan=plan, user=planner)
    export = create_export_job(plan=plan, user=planner, fmt="csv", variant="internal")
    xplan_job = XPlanImportJob.objects.create(authority=plan.authority, created_by=planner,
                                              source_name="plan.gml", status="failed")
    planner.delete()
    return plan, s, export, xplan_job


def staff_pages(plan, s, export, xplan_job) -> list[str]:
    pages = [
        reverse("planning_staff:plan-detail", args=[plan.uid]),
        reverse("planning_workbench:overview"),
        reverse("planning_workbench:plan", args=[plan.uid]),
        reverse("planning_statements_staff:list") + f"?plan={plan.uid}",
        reverse("planning_results:staff", args=[plan.uid]),
        reverse("weighing_export:request", args=[plan.uid]),
        reverse("weighing_export:job", args=[export.uid]),
        reverse("xplan:upload"),
        reverse("xplan:job", args=[xplan_job.uid]),
        reverse("api:staff-statement-list") + f"?plan={plan.uid}",
    ]
    for statement in Statement.objects.filter(plan=plan):
        pages.append(reverse("planning_workbench:statement", args=[statement.uid]))
        pages.append(reverse("planning_statements_staff:detail", args=[statement.uid]))
        pages.append(reverse("api:staff-statement-detail", args=[statement.uid]))
    for group in StatementGroup.objects.filter(plan=plan):
        pages.append(reverse("planning_workbench:group", args=[group.pk]))
    return pages


def test_every_staff_page_of_the_plan_works_after_the_account_is_deleted(
        traces_of_a_deleted_planner):
    plan, s, export, xplan_job = traces_of_a_deleted_planner
    client = Client(headers={"accept-language": "en"})
    client.force_login(make_staff(plan.authority, "admin", "amtsleitung"))
    for url in staff_pages(plan, s, export, xplan_job):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("page", ["note", "export", "xplan", "xplan-list"])
def test_the_deleted_account_is_named_neutrally(traces_of_a_deleted_planner, page):
    plan, s, export, xplan_job = traces_of_a_deleted_planner
    client = Client(headers={"accept-language": "en"})
    client.force_login(make_staff(plan.authority, "admin", "amtsleitung"))
    url = {
        "note": reverse("planning_workbench:statement", args=[s["letter_a"].uid]),
        "xplan-list": reverse("xplan:upload"),
        "export": reverse("weighing_export:job", args=[export.uid]),
        "xplan": reverse("xplan:job", args=[xplan_job.uid]),
    }[page]
    assert "deleted account" in client.get(url).content.decode()
