"""Every staff task is reachable by links from the staff home and the plan page, and a link is
only offered to a role whose page it leads to answers (no link ends in a 403)."""

import re

import pytest
from django.urls import reverse

from portal.models import Role

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
LINK = re.compile(r'<a href="([^"]+)" id="(?:staff|task)-([a-z-]+?)(?:-link)?"')


def links(html: str) -> dict[str, str]:
    return {code: url.replace("&amp;", "&") for url, code in LINK.findall(html)}


def plan_page_tasks(client, plan) -> dict[str, str]:
    response = client.get(reverse("planning_staff:plan-detail", args=[plan.uid]), **EN)
    assert response.status_code == 200
    return links(response.content.decode())


EXPECTED_PLAN_TASKS = {
    Role.ADMIN: {"statements", "enter-statement", "weighing", "export", "results"},
    Role.PLANNER: {"statements", "enter-statement", "weighing", "export", "results"},
    Role.MODERATOR: {"statements", "enter-statement", "weighing", "export", "results"},
    Role.VIEWER: {"statements", "weighing", "export", "results"},
}


@pytest.mark.parametrize("role", sorted(EXPECTED_PLAN_TASKS))
def test_plan_page_offers_the_tasks_of_the_role_and_each_link_opens(
        client, plan_with_statements, staff_by_role, role):
    plan, _statements = plan_with_statements
    client.force_login(staff_by_role[role])
    tasks = plan_page_tasks(client, plan)
    assert set(tasks) == EXPECTED_PLAN_TASKS[role]
    for code, url in tasks.items():
        assert client.get(url, **EN).status_code == 200, (role, code, url)


def test_plan_page_names_the_task_by_what_the_role_may_do(client, plan_with_statements,
                                                          staff_by_role):
    plan, _statements = plan_with_statements
    client.force_login(staff_by_role[Role.PLANNER])
    html = client.get(reverse("planning_staff:plan-detail", args=[plan.uid]), **EN).content.decode()
    assert "Weigh the statements" in html and "Release the results" in html
    assert f'href="{reverse("weighing_export:request", args=[plan.uid])}"' in html
    assert f'href="{reverse("planning_results:staff", args=[plan.uid])}"' in html
    client.force_login(staff_by_role[Role.VIEWER])
    html = client.get(reverse("planning_staff:plan-detail", args=[plan.uid]), **EN).content.decode()
    assert "Weighing (read only)" in html and "Result of the weighing" in html
    assert "Release the results" not in html and "Weigh the statements" not in html


def test_statements_link_of_the_plan_page_lists_only_that_plan(client, plan_with_statements,
                                                              staff_by_role, town):
    from ..factories import make_plan

    plan, statements = plan_with_statements
    make_plan(town, name="Anderer Plan")
    client.force_login(staff_by_role[Role.PLANNER])
    url = plan_page_tasks(client, plan)["statements"]
    html = client.get(url, **EN).content.decode()
    assert all(s.reference in html for s in statements)


def test_plan_without_procedure_offers_no_statement_tasks(client, town, staff_by_role):
    from ..factories import make_plan

    plan = make_plan(town, name="Altplan", legal_status="4000", procedure_kind=None)
    client.force_login(staff_by_role[Role.PLANNER])
    assert plan_page_tasks(client, plan) == {}


def test_agency_phase_row_links_to_its_invited_agencies(client, plan_with_statements,
                                                        staff_by_role):
    from datetime import date

    from planning.services.phases import schedule_phase

    plan, _statements = plan_with_statements
    phase = schedule_phase(plan=plan, kind="baugb_4_2", start_date=date(2026, 9, 1),
                           end_date=date(2026, 10, 5))
    client.force_login(staff_by_role[Role.VIEWER])
    html = client.get(reverse("planning_staff:plan-detail", args=[plan.uid]), **EN).content.decode()
    url = reverse("planning_agencies:phase", args=[phase.pk])
    assert f'href="{url}"' in html
    assert client.get(url, **EN).status_code == 200


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PLANNER, Role.MODERATOR, Role.VIEWER])
def test_staff_home_offers_only_links_the_role_may_follow(client, staff_by_role, role):
    client.force_login(staff_by_role[role])
    home = links(client.get(reverse("portal:staff-home"), **EN).content.decode())
    assert {"plans", "statements", "weighing", "agencies"} <= set(home)
    assert ("xplan" in home) is (role in (Role.ADMIN, Role.PLANNER))
    for code, url in home.items():
        assert client.get(url, **EN).status_code == 200, (role, code, url)


@pytest.mark.parametrize(("role", "offered"), [
    (Role.ADMIN, True), (Role.PLANNER, False), (Role.MODERATOR, False), (Role.VIEWER, False)])
def test_administration_link_only_where_the_admin_lets_the_user_change_something(
        client, staff_by_role, role, offered):
    client.force_login(staff_by_role[role])
    html = client.get(reverse("portal:staff-home"), **EN).content.decode()
    assert ('id="open-administration"' in html) is offered


def test_superuser_is_offered_the_administration(client, superuser, town):
    client.force_login(superuser)
    html = client.get(reverse("portal:staff-home"), **EN).content.decode()
    assert 'id="open-administration"' in html
    assert 'id="staff-xplan-link"' in html


def test_statement_detail_leads_to_its_weighing(client, plan_with_statements, staff_by_role):
    _plan, statements = plan_with_statements
    client.force_login(staff_by_role[Role.MODERATOR])
    html = client.get(reverse("planning_statements_staff:detail", args=[statements[0].uid]),
                      **EN).content.decode()
    url = reverse("planning_workbench:statement", args=[statements[0].uid])
    assert f'href="{url}" id="weigh-statement"' in html
    assert client.get(url, **EN).status_code == 200


def test_authority_page_names_the_role_not_its_code(client, staff_by_role, town):
    client.force_login(staff_by_role[Role.PLANNER])
    html = client.get(reverse("portal:staff-authority", args=[town.pk]), **EN).content.decode()
    assert "Your role: Planner" in html and "Your role: planner" not in html
