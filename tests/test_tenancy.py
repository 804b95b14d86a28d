"""Tenancy: every staff view and API answers 404 for another authority's objects."""

import pytest
from django.urls import reverse

from portal.models import Authority, Membership, Role

from .factories import make_authority, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_tenants():
    own = make_authority(name="Eigene Gemeinde", slug="eigene")
    foreign = make_authority(name="Fremde Gemeinde", slug="fremde")
    admin = make_staff(own, Role.ADMIN, "own-admin")
    foreign_admin = make_staff(foreign, Role.ADMIN, "foreign-admin")
    foreign_membership = Membership.objects.get(user=foreign_admin)
    return own, foreign, admin, foreign_membership


def staff_urls(authority: Authority, membership: Membership) -> list[str]:
    """Every staff view and staff API that addresses one object by id."""
    return [
        reverse("portal:staff-authority", kwargs={"pk": authority.pk}),
        reverse("portal:staff-authority-settings", kwargs={"pk": authority.pk}),
        reverse("api:staff-authority-detail", kwargs={"pk": authority.pk}),
        reverse("admin:portal_authority_change", args=[authority.pk]),
        reverse("admin:portal_membership_change", args=[membership.pk]),
    ]


def test_every_staff_url_of_a_foreign_authority_is_404(client, two_tenants):
    own, foreign, admin, foreign_membership = two_tenants
    client.force_login(admin)
    own_membership = Membership.objects.get(user=admin)
    for url in staff_urls(own, own_membership):
        assert client.get(url).status_code == 200, url
    for url in staff_urls(foreign, foreign_membership):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Fremde Gemeinde" not in response.content.decode(), url


def test_post_to_foreign_settings_changes_nothing(client, two_tenants):
    own, foreign, admin, _ = two_tenants
    client.force_login(admin)
    url = reverse("portal:staff-authority-settings", kwargs={"pk": foreign.pk})
    response = client.post(url, {"colour": "#000000", "contact_email": "x@example.org"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.contact_email == ""


def test_staff_lists_show_only_own_authorities(client, two_tenants):
    own, foreign, admin, _ = two_tenants
    client.force_login(admin)
    api = client.get(reverse("api:staff-authority-list")).json()
    assert [row["slug"] for row in api["results"]] == ["eigene"]
    page = client.get(reverse("portal:staff-home")).content.decode()
    assert "Eigene Gemeinde" in page and "Fremde Gemeinde" not in page
    changelist = client.get(reverse("admin:portal_authority_changelist")).content.decode()
    assert "Eigene Gemeinde" in changelist and "Fremde Gemeinde" not in changelist
    memberships = client.get(reverse("admin:portal_membership_changelist")).content.decode()
    assert "own-admin" in memberships and "foreign-admin" not in memberships


def test_admin_filter_by_foreign_id_shows_nothing(client, two_tenants):
    own, foreign, admin, _ = two_tenants
    client.force_login(admin)
    url = reverse("admin:portal_membership_changelist") + f"?authority__id__exact={foreign.pk}"
    response = client.get(url, follow=True)
    assert "foreign-admin" not in response.content.decode()


def test_admin_autocomplete_is_scoped(client, two_tenants):
    own, foreign, admin, _ = two_tenants
    client.force_login(admin)
    url = reverse("admin:autocomplete") + (
        "?app_label=portal&model_name=membership&field_name=authority&term=Gemeinde"
    )
    data = client.get(url).json()
    assert [r["text"] for r in data["results"]] == ["Eigene Gemeinde"]


def test_anonymous_users_cannot_use_staff_views(client, two_tenants):
    own, *_ = two_tenants
    assert client.get(reverse("portal:staff-authority", kwargs={"pk": own.pk})).status_code == 302
    assert client.get(reverse("api:staff-authority-list")).status_code == 403


def test_user_without_membership_sees_no_authority(client, two_tenants):
    own, *_ = two_tenants
    client.force_login(make_user("nobody"))
    assert client.get(reverse("portal:staff-authority", kwargs={"pk": own.pk})).status_code == 404
    assert client.get(reverse("api:staff-authority-list")).json()["results"] == []


def test_removed_membership_applies_at_once(client, two_tenants):
    own, _, admin, _ = two_tenants
    client.force_login(admin)
    url = reverse("portal:staff-authority", kwargs={"pk": own.pk})
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=admin).delete()
    assert client.get(url).status_code == 404


def test_parent_admin_manages_children_but_planner_of_parent_does_not(client):
    district = make_authority(name="Landkreis", slug="landkreis", kind="district", ags="14625000")
    town = make_authority(name="Stadt im Kreis", slug="stadt", parent=district)
    district_admin = make_staff(district, Role.ADMIN, "kreis-admin")
    district_planner = make_staff(district, Role.PLANNER, "kreis-planer")
    url = reverse("portal:staff-authority", kwargs={"pk": town.pk})
    client.force_login(district_admin)
    assert client.get(url).status_code == 200
    client.force_login(district_planner)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "can_view", "can_manage"),
    [
        (Role.ADMIN, True, True),
        (Role.PLANNER, True, False),
        (Role.MODERATOR, True, False),
        (Role.VIEWER, True, False),
        (None, False, False),
    ],
)
def test_role_matrix(role, can_view, can_manage):
    authority = make_authority()
    user = make_staff(authority, role) if role else make_user()
    assert user.has_perm("portal.view_staff_area", authority) is can_view
    assert user.has_perm("portal.manage_authority", authority) is can_manage


def test_settings_page_for_planner_is_forbidden_but_admin_can_save(client):
    authority = make_authority()
    planner = make_staff(authority, Role.PLANNER)
    url = reverse("portal:staff-authority-settings", kwargs={"pk": authority.pk})
    client.force_login(planner)
    assert client.get(url).status_code == 404
    admin = make_staff(authority, Role.ADMIN)
    client.force_login(admin)
    response = client.post(
        url, {"colour": "#123456", "enabled_modules": ["bauleitplanung"], "contact_email": "bauamt@example.org"}
    )
    assert response.status_code == 302
    authority.refresh_from_db()
    assert authority.colour == "#123456" and authority.enabled_modules == ["bauleitplanung"]


def test_settings_reject_unknown_module_and_bad_colour(client):
    authority = make_authority()
    client.force_login(make_staff(authority, Role.ADMIN))
    url = reverse("portal:staff-authority-settings", kwargs={"pk": authority.pk})
    response = client.post(url, {"colour": "red", "enabled_modules": ["nonexistent"]})
    assert response.status_code == 200
    form = response.context["form"]
    assert "colour" in form.errors and "enabled_modules" in form.errors
    authority.refresh_from_db()
    assert authority.colour != "red"
