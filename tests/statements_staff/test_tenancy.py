"""Tenancy of the staff side of statements: staff of another authority cannot list, open,
export or change these statements (404 or nothing of them), through pages and the API; and the
role matrix of the statement permissions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from fixtures.pdf import simple_pdf
from planning.models import ModerationState, Statement
from planning.services.statements import Identity, Submission, create_statement
from planning.statement_staff_urls import urlpatterns as STAFF_PATTERNS
from planning.statements import permissions  # noqa: F401 (registers the permissions)
from portal.models import Membership, Role

from ..factories import make_authority, make_staff, make_user
from .conftest import RECEIVED

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_statement(foreign):
    upload = SimpleUploadedFile("brief.pdf", simple_pdf("Brief", ["Fremd"]))
    statement, _ = create_statement(
        plan=foreign.plan, phase=foreign.phase, channel="letter", received_at=RECEIVED,
        submission=Submission(text="Fremde Stellungnahme", identity=Identity(name="Fritz Fremd")),
        attachments=[upload],
    )
    return statement


def object_urls(statement) -> dict[str, str]:
    """Every staff page and API endpoint that addresses one statement (or its plan) by id."""
    attachment = statement.attachments.first()
    plan = f"?plan={statement.plan.uid}"
    return {
        "detail": reverse("planning_statements_staff:detail", args=[statement.uid]),
        "attachment": reverse("planning_statements_staff:attachment",
                              args=[statement.uid, attachment.uid]),
        "moderate": reverse("planning_statements_staff:moderate", args=[statement.uid]),
        "create": reverse("planning_statements_staff:create") + plan,
        "import": reverse("planning_statements_staff:import") + plan,
        "import-confirm": reverse("planning_statements_staff:import-confirm") + plan,
        "api-detail": reverse("api:staff-statement-detail", kwargs={"uid": statement.uid}),
    }


def collection_urls(statement) -> dict[str, str]:
    """Pages and endpoints over many statements, filtered by the other tenant's ids."""
    params = f"?plan={statement.plan.uid}&phase={statement.phase_id}"
    return {
        "list": reverse("planning_statements_staff:list") + params,
        "map-data": reverse("planning_statements_staff:map-data") + params,
        "export": reverse("planning_statements_staff:export") + params,
        "tile": reverse("planning_statements_staff:tile", kwargs={"z": 0, "x": 0, "y": 0}),
        "api-list": reverse("api:staff-statement-list") + params,
    }


def test_every_route_has_a_tenancy_entry(own, foreign_statement):
    covered = set(object_urls(foreign_statement)) | set(collection_urls(foreign_statement)) | {
        "import-template"}
    names = {pattern.name for pattern in STAFF_PATTERNS}
    assert names <= covered | {"api-detail", "api-list"}, names - covered
    api_names = {name for name in get_resolver().reverse_dict if isinstance(name, str)
                 and "statement" in name and name.startswith("staff-")}
    assert api_names <= {"staff-statement-list", "staff-statement-detail"}


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PLANNER, Role.MODERATOR, Role.VIEWER])
def test_foreign_statement_urls_are_404(client, own, foreign, foreign_statement, role):
    client.force_login(make_staff(own.authority, role))
    for name, url in object_urls(foreign_statement).items():
        response = client.post(url, {"action": "approve", "public_text": "x", "token": "x"}) \
            if name in ("moderate", "import-confirm") else client.get(url)
        assert response.status_code == 404, (name, response.status_code)
        assert b"Fritz Fremd" not in response.content and b"Fremde Stellungnahme" not in response.content
    for name, url in collection_urls(foreign_statement).items():
        response = client.get(url)
        assert response.status_code in (400, 204), (name, response.status_code)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Fritz Fremd" not in content and str(foreign_statement.uid).encode() not in content
    foreign_statement.refresh_from_db()
    assert foreign_statement.moderation == ModerationState.PENDING


def test_unfiltered_lists_and_exports_hold_no_foreign_rows(client, own, foreign_statement):
    from .conftest import letter

    mine = letter(own, name="Eigene Person")
    client.force_login(own.planner)
    for name in ("list", "map-data", "export", "api-list"):
        url = collection_urls(foreign_statement)[name].split("?")[0]
        content = client.get(url).content.decode("utf-8-sig")
        assert str(foreign_statement.uid) not in content and "Fritz Fremd" not in content, name
        assert "Eigene Person" in content or str(mine.uid) in content or name == "map-data", name
    assert Statement.objects.count() == 2


def test_user_without_membership_sees_nothing(client, own, foreign_statement):
    client.force_login(make_user("nobody"))
    response = client.get(reverse("planning_statements_staff:list"))
    assert response.status_code == 200 and list(response.context["page"].object_list) == []
    assert client.get(reverse("api:staff-statement-list")).json()["count"] == 0
    assert client.get(object_urls(foreign_statement)["detail"]).status_code == 404


def test_removed_membership_applies_at_once(client, foreign, foreign_statement):
    client.force_login(foreign.planner)
    url = object_urls(foreign_statement)["detail"]
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=foreign.planner).delete()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "can_view", "can_act"),
    [
        (Role.ADMIN, True, True),
        (Role.PLANNER, True, True),
        (Role.MODERATOR, True, True),
        (Role.VIEWER, True, False),
        (None, False, False),
    ],
)
def test_role_matrix(role, can_view, can_act, own):
    from .conftest import letter

    statement = letter(own)
    user = make_staff(own.authority, role) if role else make_user()
    assert user.has_perm("planning.view_statement", statement) is can_view
    assert user.has_perm("planning.add_statement", own.plan) is can_act
    assert user.has_perm("planning.moderate_statement", statement) is can_act
    other = make_authority()
    assert user.has_perm("planning.view_statement", other) is False
