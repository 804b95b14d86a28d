"""The staff overview of a phase, and tenancy: every staff view answers 404 for another
authority's agency, phase, invitation, statement or attachment (GET and POST), read-only roles
get 403 on writes, anonymous users are sent to sign in."""

import pytest
from django.urls import reverse
from django.utils import translation

from planning.agencies.reminders import send_reminders
from planning.agencies.tokens import find_invitation
from planning.models import Agency, AgencyInvitation, Statement
from portal.models import Role

from ..factories import make_staff, make_user
from .conftest import invite, pdf_upload

pytestmark = pytest.mark.django_db


def answer(world, secret, client):
    page = client.get(reverse("planning_agencies:link", kwargs={"token": secret}))["Location"]
    return client.post(page,
                       {"text": "Bitte Hochwasserschutz beachten.", "attachments": [pdf_upload()]})


@pytest.fixture
def answered_world(world, invited, client):
    """Water answered with a PDF; telecom invited and reminded; nature only proposed."""
    import time_machine

    from .test_reminders import FIVE_DAYS_BEFORE

    answer(world, invited["water"], client)
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        send_reminders()
    return world


def test_overview_shows_who_answered_who_did_not_and_who_was_reminded(client, planner,
                                                                      answered_world):
    world = answered_world
    statement = Statement.objects.get()
    client.force_login(planner)
    with translation.override("en"):
        response = client.get(reverse("planning_agencies:phase",
                                      kwargs={"phase_pk": world["phase"].pk}),
                              HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    overview = response.context["overview"]
    assert [r.invitation.agency.name for r in overview.answered] == ["Wasserbehörde Musterstadt"]
    assert [r.invitation.agency.name for r in overview.not_answered] == ["Telekom Musterstadt"]
    assert [r.invitation.agency.name for r in overview.reminded] == ["Telekom Musterstadt"]
    assert [r.invitation.agency.name for r in overview.proposed] == ["Naturschutz Musterstadt"]
    detail = reverse("planning_agencies:statement", kwargs={"phase_pk": world["phase"].pk,
                                                            "statement_uid": statement.uid})
    assert detail in html and statement.reference in html
    assert "01.10.2026 09:00" in html  # reminded, Berlin time
    page = client.get(detail)
    assert page.status_code == 200 and "Hochwasserschutz" in page.content.decode()
    attachment = statement.attachments.get()
    download = client.get(reverse("planning_agencies:statement-attachment", kwargs={
        "phase_pk": world["phase"].pk, "statement_uid": statement.uid,
        "attachment_uid": attachment.uid}))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_overview_query_count_does_not_grow_with_agencies(client, planner, answered_world,
                                                          django_assert_max_num_queries):
    client.force_login(planner)
    url = reverse("planning_agencies:phase", kwargs={"phase_pk": answered_world["phase"].pk})
    client.get(url)
    with django_assert_max_num_queries(20):
        client.get(url)


def staff_urls(world, statement=None) -> list[tuple[str, str]]:
    """(method, url) of every staff view that addresses one of the world's objects."""
    phase = {"phase_pk": world["phase"].pk}
    urls = [
        ("get", reverse("planning_agencies:edit", kwargs={"pk": world["water"].pk})),
        ("post", reverse("planning_agencies:edit", kwargs={"pk": world["water"].pk})),
        ("get", reverse("planning_agencies:phase", kwargs=phase)),
        ("post", reverse("planning_agencies:phase-propose", kwargs=phase)),
        ("post", reverse("planning_agencies:phase-add", kwargs=phase)),
        ("post", reverse("planning_agencies:phase-proposals", kwargs=phase)),
    ]
    invitation = AgencyInvitation.objects.filter(phase=world["phase"]).first()
    if invitation is not None:
        urls.append(("post", reverse("planning_agencies:invitation-new-link",
                                     kwargs={**phase, "invitation_uid": invitation.uid})))
    if statement is not None:
        kwargs = {**phase, "statement_uid": statement.uid}
        urls.append(("get", reverse("planning_agencies:statement", kwargs=kwargs)))
        urls.append(("get", reverse("planning_agencies:statement-attachment", kwargs={
            **kwargs, "attachment_uid": statement.attachments.get().uid})))
    return urls


def snapshot(world) -> dict:
    return {
        "agencies": list(Agency.objects.filter(authority=world["town"]).order_by("pk")
                         .values_list("name", "emails", "is_active")),
        "invitations": list(AgencyInvitation.objects.filter(phase=world["phase"]).order_by("pk")
                            .values_list("agency_id", "state", "token_hash")),
    }


def test_every_staff_url_of_a_foreign_authority_is_404(client, world, foreign, clock,
                                                       django_capture_on_commit_callbacks):
    foreign_secret = invite(foreign, foreign["water"],
                            capture=django_capture_on_commit_callbacks)[foreign["water"].pk]
    answer(foreign, foreign_secret, client)
    foreign_statement = Statement.objects.get(agency=foreign["water"])
    invite(world, world["water"], capture=django_capture_on_commit_callbacks)
    admin = make_staff(world["town"], Role.ADMIN, "own-admin")
    client.force_login(admin)
    for method, url in staff_urls(world):
        if method == "get":
            assert client.get(url).status_code == 200, url
    own_pages = client.get(reverse("planning_agencies:list")).content.decode()
    assert "Wasserbehörde Musterstadt" in own_pages and "Fremdstadt" not in own_pages
    before = snapshot(foreign)
    for method, url in staff_urls(foreign, foreign_statement):
        response = getattr(client, method)(url, {"name": "Übernommen", "emails": "x@evil.example",
                                                 "add-agency": foreign["telecom"].pk,
                                                 "invite": [1, 2, 3], "remove": 1})
        assert response.status_code == 404, (method, url)
        assert "Fremdstadt" not in response.content.decode()
    assert snapshot(foreign) == before
    # A foreign agency cannot be added to an own phase either.
    client.post(reverse("planning_agencies:phase-add", kwargs={"phase_pk": world["phase"].pk}),
                {"add-agency": foreign["telecom"].pk})
    assert not AgencyInvitation.objects.filter(phase=world["phase"],
                                               agency=foreign["telecom"]).exists()


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.VIEWER])
def test_read_only_roles_see_the_phase_but_cannot_change_it(client, world, invited, role):
    user = make_staff(world["town"], role)
    client.force_login(user)
    url = reverse("planning_agencies:phase", kwargs={"phase_pk": world["phase"].pk})
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="send-invitations"' not in page.content.decode()
    before = snapshot(world)
    for method, url in staff_urls(world):
        if method == "post":
            assert client.post(url, {"invite": [1]}).status_code == 403, url
    assert snapshot(world) == before


def test_anonymous_and_users_without_role(client, world, invited):
    urls = staff_urls(world) + [("get", reverse("planning_agencies:list"))]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    client.force_login(make_user("nobody"))
    for method, url in staff_urls(world):
        assert getattr(client, method)(url).status_code == 404, url
    assert "Musterstadt" not in client.get(reverse("planning_agencies:list")).content.decode()


def test_new_link_from_the_overview(client, planner, world, invited,
                                    django_capture_on_commit_callbacks):
    client.force_login(planner)
    invitation = find_invitation(invited["telecom"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("planning_agencies:invitation-new-link", kwargs={
            "phase_pk": world["phase"].pk, "invitation_uid": invitation.uid}))
    assert find_invitation(invited["telecom"]) is None
