"""After deciding a statement the planner goes on to the next one, in the workbench's order
(order of receipt), and can step back; the first has no previous, the last no next."""

import pytest
from django.urls import reverse

from planning.models import Decision
from planning.weighing.decisions import consideration_for
from portal.models import Role

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def page(client, statement):
    return client.get(reverse("planning_workbench:statement", args=[statement.uid]), **EN)


def href(statement) -> str:
    return f'href="{reverse("planning_workbench:statement", args=[statement.uid])}"'


def test_statement_page_links_previous_and_next_in_order_of_receipt(
        client, plan_with_statements, staff_by_role):
    _plan, (first, middle, last) = plan_with_statements
    client.force_login(staff_by_role[Role.VIEWER])
    html = page(client, middle).content.decode()
    assert f'{href(first)} rel="prev"' in html and f'{href(last)} rel="next"' in html
    first_html = page(client, first).content.decode()
    assert 'rel="prev"' not in first_html and f'{href(middle)} rel="next"' in first_html
    last_html = page(client, last).content.decode()
    assert 'rel="next"' not in last_html and f'{href(middle)} rel="prev"' in last_html


def test_save_and_next_decides_and_opens_the_next_statement(client, plan_with_statements,
                                                            staff_by_role):
    _plan, (first, middle, _last) = plan_with_statements
    client.force_login(staff_by_role[Role.PLANNER])
    assert 'id="save-decision-next"' in page(client, first).content.decode()
    response = client.post(reverse("planning_workbench:statement", args=[first.uid]),
                           {"decision": Decision.CONSIDERED, "reasoning": "Wird ergänzt.",
                            "then": "next"}, **EN)
    assert response.status_code == 302
    assert response["Location"] == reverse("planning_workbench:statement", args=[middle.uid])
    assert consideration_for(first).decision == Decision.CONSIDERED
    followed = client.get(response["Location"], **EN).content.decode()
    assert f"The decision on {first.reference} was saved." in followed


def test_plain_save_stays_and_the_last_statement_offers_no_next(client, plan_with_statements,
                                                               staff_by_role):
    _plan, (_first, _middle, last) = plan_with_statements
    client.force_login(staff_by_role[Role.PLANNER])
    url = reverse("planning_workbench:statement", args=[last.uid])
    assert 'id="save-decision-next"' not in page(client, last).content.decode()
    response = client.post(url, {"decision": Decision.NOTED, "then": "next"}, **EN)
    assert response["Location"] == url


def test_invalid_decision_with_next_stays_on_the_statement(client, plan_with_statements,
                                                          staff_by_role):
    _plan, (first, _middle, _last) = plan_with_statements
    client.force_login(staff_by_role[Role.PLANNER])
    response = client.post(reverse("planning_workbench:statement", args=[first.uid]),
                           {"decision": "nonsense", "then": "next"}, **EN)
    assert response.status_code == 400
    assert not consideration_for(first).pk
