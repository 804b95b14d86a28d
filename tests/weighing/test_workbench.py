"""The weighing workbench over HTTP: decide, group, split, notes, history, tenancy."""

import pytest
from django.urls import reverse
from django.utils import translation

from planning.models import (
    Consideration,
    Decision,
    InternalNote,
    Statement,
    StatementGroup,
    TextBlock,
)
from portal.models import Role

from ..factories import make_authority, make_staff
from .conftest import MASS_TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(town):
    return make_staff(town, Role.PLANNER, "planerin")


@pytest.fixture
def viewer(town):
    return make_staff(town, Role.VIEWER, "leser")


@pytest.fixture
def stranger():
    other = make_authority(name="Andere Stadt", slug="andere", ags="14713000")
    return make_staff(other, Role.ADMIN, "fremd")


def st(reference):
    return Statement.objects.get(reference=reference)


def test_weigh_a_statement_with_a_text_block(client, thousand_statements, planner, town):
    block = TextBlock.objects.create(authority=town, title="Verkehr", decision=Decision.NOTED,
                                     text="Die Erschließung wird im Verkehrsgutachten behandelt.")
    statement = st("ST-2026-00600")
    url = reverse("planning_workbench:statement", args=[statement.uid])
    client.force_login(planner)
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "", "reasoning": "", "text_block": block.pk,
                                 "plan_change": "", "assignee": planner.pk, "due_date": "2026-12-01"})
    assert response.status_code == 302
    consideration = Consideration.objects.get(statement=statement)
    assert consideration.decision == Decision.NOTED
    assert "Verkehrsgutachten" in consideration.reasoning
    assert consideration.assignee == planner
    page = client.get(url).content.decode()
    assert "planerin" in page or "Verkehrsgutachten" in page
    # The map's colours are explained: a legend of the decisions.
    assert 'class="map-legend"' in page and "Stellungnahmen nach Entscheidung" in page
    assert "noch nicht entschieden" in page

    # The weighing map's tooltips name the decision in words, in the reader's language.
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '"decision": "noted", "decision_label": "noted"' in english
    assert "zur Kenntnis" not in english
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '"decision_label": "zur Kenntnis genommen"' in german


def test_group_identical_then_weigh_group_once(client, thousand_statements, planner):
    plan, _ = thousand_statements
    client.force_login(planner)
    client.post(reverse("planning_workbench:group-identical", args=[plan.uid]))
    group = StatementGroup.objects.get()
    assert group.statements.count() == 300
    response = client.post(reverse("planning_workbench:group", args=[group.pk]), {
        "decision": Decision.NOT_CONSIDERED, "reasoning": "Kein Eingriff ins Überschwemmungsgebiet."})
    assert response.status_code == 302
    listing = client.get(reverse("planning_workbench:plan", args=[plan.uid]),
                         {"decision": Decision.NOT_CONSIDERED})
    assert listing.context["count"] == 300
    member = group.statements.first()
    page = client.get(reverse("planning_workbench:statement", args=[member.uid])).content.decode()
    assert "Open the group" in page or "Gruppe öffnen" in page


def test_confirm_similar_group_and_split_and_notes(client, thousand_statements, planner):
    plan, _ = thousand_statements
    client.force_login(planner)
    client.post(reverse("planning_workbench:group-identical", args=[plan.uid]))
    page = client.get(reverse("planning_workbench:suggestions", args=[plan.uid]))
    near = [st(f"ST-2026-{i:05d}") for i in (301, 302)]
    response = client.post(reverse("planning_workbench:suggestions", args=[plan.uid]),
                           {"title": "Zufahrt", "statements": [s.pk for s in near]})
    assert page.status_code == 200 and response.status_code == 302
    assert StatementGroup.objects.get(title="Zufahrt").statements.count() == 2
    single = st("ST-2026-00700")
    client.post(reverse("planning_workbench:split", args=[single.uid]),
                {"parts": "Erster Teil\n---\nZweiter Teil"})
    assert single.sections.count() == 2
    first = single.sections.get(order=1)
    client.post(reverse("planning_workbench:section", args=[first.pk]),
                {f"s{first.pk}-decision": Decision.CONSIDERED, f"s{first.pk}-reasoning": "Ja."})
    assert first.consideration.decision == Decision.CONSIDERED
    client.post(reverse("planning_workbench:note", args=[single.uid]), {"text": "Rückfrage Bauamt"})
    assert InternalNote.objects.get().author == planner


def test_history_shows_who_decided_what(client, thousand_statements, planner):
    statement = st("ST-2026-00800")
    url = reverse("planning_workbench:statement", args=[statement.uid])
    client.force_login(planner)
    client.post(url, {"decision": Decision.CONSIDERED, "reasoning": "Erst ja."})
    client.post(url, {"decision": Decision.NOT_CONSIDERED, "reasoning": "Dann nein."})
    with translation.override("en"):
        history = client.get(url).context["history"]
    assert [(h.decision, h.history_user) for h in history] == [
        (Decision.NOT_CONSIDERED, planner), (Decision.CONSIDERED, planner)]


def test_viewer_reads_but_cannot_decide(client, thousand_statements, viewer):
    statement = st("ST-2026-00900")
    url = reverse("planning_workbench:statement", args=[statement.uid])
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, {"decision": Decision.NOTED, "reasoning": ""}).status_code == 403
    assert not Consideration.objects.exists()


def test_other_authority_sees_none_of_it(client, thousand_statements, planner, stranger, town):
    plan, _ = thousand_statements
    client.force_login(planner)
    client.post(reverse("planning_workbench:group-identical", args=[plan.uid]))
    group = StatementGroup.objects.get()
    statement = group.statements.first()
    single = st("ST-2026-00950")
    block = TextBlock.objects.create(authority=town, title="x", text="y")
    client.force_login(stranger)
    urls = [
        reverse("planning_workbench:plan", args=[plan.uid]),
        reverse("planning_workbench:suggestions", args=[plan.uid]),
        reverse("planning_workbench:statement", args=[statement.uid]),
        reverse("planning_workbench:group", args=[group.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"decision": Decision.NOTED}).status_code == 404, url
    for url in (reverse("planning_workbench:split", args=[single.uid]),
                reverse("planning_workbench:note", args=[single.uid]),
                reverse("planning_workbench:leave-group", args=[statement.uid]),
                reverse("planning_workbench:group-identical", args=[plan.uid]),
                reverse("planning_workbench:text-block-delete", args=[block.pk])):
        assert client.post(url, {"text": "x", "parts": "a\n---\nb"}).status_code == 404, url
    overview = client.get(reverse("planning_workbench:overview")).content.decode()
    assert plan.name not in overview
    blocks = client.get(reverse("planning_workbench:text-blocks")).content.decode()
    assert "Verkehr" not in blocks
    assert not Consideration.objects.exists() and TextBlock.objects.count() == 1
    assert MASS_TEXT[:30] not in client.get(reverse("planning_workbench:overview")).content.decode()

