"""The permission matrix of plans (planning/rules.py): role × action, own and foreign."""

import pytest
from django.urls import reverse

from portal.models import Membership, Role

from ..factories import make_authority, make_plan, make_staff, make_user

pytestmark = pytest.mark.django_db

ACTIONS = ("planning.view_plan", "planning.add_plan", "planning.change_plan",
           "planning.publish_plan")
MATRIX = {
    Role.ADMIN: (True, True, True, True),
    Role.PLANNER: (True, True, True, True),
    Role.MODERATOR: (True, False, False, False),
    Role.VIEWER: (True, False, False, False),
    None: (False, False, False, False),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_role_matrix(role):
    authority = make_authority()
    plan = make_plan(authority, published=False)
    user = make_staff(authority, role) if role else make_user()
    for action, expected in zip(ACTIONS, MATRIX[role], strict=True):
        target = authority if action == "planning.add_plan" else plan
        assert user.has_perm(action, target) is expected, (role, action)


@pytest.mark.parametrize("role", list(MATRIX))
def test_no_role_reaches_another_authority(role):
    own, foreign = make_authority(), make_authority()
    foreign_plan = make_plan(foreign, published=False)
    user = make_staff(own, role) if role else make_user()
    for action in ACTIONS:
        target = foreign if action == "planning.add_plan" else foreign_plan
        assert user.has_perm(action, target) is False, (role, action)


def test_district_admin_edits_plans_of_its_municipalities_but_district_planner_does_not():
    district = make_authority(name="Landkreis", slug="kreis", kind="district", ags="14625000")
    town = make_authority(parent=district)
    plan = make_plan(town, published=False)
    assert make_staff(district, Role.ADMIN).has_perm("planning.change_plan", plan)
    district_planner = make_staff(district, Role.PLANNER)
    assert not district_planner.has_perm("planning.view_plan", plan)
    assert not district_planner.has_perm("planning.change_plan", plan)


def test_direct_role_wins_over_an_inherited_admin_role():
    """As portal.tenancy.role_in decides: a viewer of the town stays a viewer there."""
    district = make_authority(name="Landkreis", slug="kreis", kind="district", ags="14625000")
    town = make_authority(parent=district)
    plan = make_plan(town, published=False)
    user = make_staff(district, Role.ADMIN)
    Membership.objects.create(user=user, authority=town, role=Role.VIEWER)
    assert user.has_perm("planning.view_plan", plan)
    assert not user.has_perm("planning.change_plan", plan)


def test_superuser_may_do_everything():
    plan = make_plan(make_authority(), published=False)
    operator = make_user(is_superuser=True)
    assert all(operator.has_perm(action, plan) for action in ACTIONS if action != "planning.add_plan")


def test_inactive_authority_grants_nothing():
    authority = make_authority(is_active=False)
    plan = make_plan(authority, published=False)
    user = make_staff(authority, Role.ADMIN)
    assert not user.has_perm("planning.view_plan", plan)


@pytest.mark.parametrize(
    ("role", "read_status", "write_status"),
    [(Role.ADMIN, 200, 200), (Role.PLANNER, 200, 200), (Role.MODERATOR, 200, 403),
     (Role.VIEWER, 200, 403)],
)
def test_pages_follow_the_matrix(client, role, read_status, write_status):
    authority = make_authority()
    plan = make_plan(authority, published=False)
    client.force_login(make_staff(authority, role))
    detail = client.get(reverse("planning_staff:plan-detail", kwargs={"plan_uid": plan.uid}))
    assert detail.status_code == read_status
    assert detail.context["can_change"] is (write_status == 200)
    html = detail.content.decode()
    assert ('id="document-form"' in html) is (write_status == 200)
    assert ('id="publish-button"' in html) is (write_status == 200)
    edit = client.get(reverse("planning_staff:plan-update", kwargs={"plan_uid": plan.uid}))
    assert edit.status_code == write_status
    create = client.get(reverse("planning_staff:plan-create"))
    assert create.status_code == write_status
    publish = client.post(reverse("planning_staff:plan-publish", kwargs={"plan_uid": plan.uid}))
    assert publish.status_code == (302 if write_status == 200 else 403)
    plan.refresh_from_db()
    assert plan.is_published is (write_status == 200)
    listing = client.get(reverse("planning_staff:plan-list")).content.decode()
    assert (f'id="new-plan-{authority.pk}"' in listing) is (write_status == 200)
