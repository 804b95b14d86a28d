"""The admin's object shortcut and the membership form do not reach across tenants."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from planning.models import Plan
from portal.models import Membership, Role
from tests.factories import make_authority, make_plan, make_staff, make_user

pytestmark = pytest.mark.django_db


def shortcut_url(content_type_id, object_id) -> str:
    return f"/admin/r/{content_type_id}/{object_id}/"


@pytest.fixture
def foreign_draft():
    return make_plan(make_authority(name="Fremde Gemeinde"), name="Geheimer Entwurf",
                     published=False)


def test_staff_cannot_use_the_shortcut_to_find_another_tenants_draft(client, foreign_draft):
    client.force_login(make_staff(make_authority(), Role.ADMIN))
    ct = ContentType.objects.get_for_model(Plan)
    response = client.get(shortcut_url(ct.pk, foreign_draft.pk))
    assert response.status_code == 404
    assert str(foreign_draft.uid) not in response.get("Location", "")


def test_staff_get_a_direct_view_on_site_link_for_their_authority(client):
    town = make_authority()
    client.force_login(make_staff(town, Role.ADMIN))
    page = client.get(reverse("admin:portal_authority_change", args=[town.pk])).content.decode()
    assert town.get_absolute_url() in page
    assert "/admin/r/" not in page


@pytest.mark.parametrize("content_type_id, object_id", [
    ("plan", "1"), ("999999", "1"), ("99999999999999999999999", "1"),
    ("{plan}", "abc"), ("{plan}", "99999999999999999999999"), ("{plan}", "-1"),
    ("{plan}", "0"), ("{plan}", "1.5"), ("{plan}", "999999"), ("{task}", "kein-uuid"),
])
def test_bad_ids_are_404_for_superusers_too(client, foreign_draft, content_type_id, object_id):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    ct = ContentType.objects.get_for_model(Plan)
    task_ct = ContentType.objects.get_for_model(DBTaskResult)  # a model with a UUID key
    response = client.get(shortcut_url(content_type_id.format(plan=ct.pk, task=task_ct.pk),
                                       object_id))
    assert response.status_code == 404


def test_superusers_keep_the_shortcut(client, foreign_draft):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    ct = ContentType.objects.get_for_model(Plan)
    response = client.get(shortcut_url(ct.pk, foreign_draft.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(foreign_draft.get_absolute_url())


@pytest.fixture
def town_admin_and_stranger():
    town = make_authority(name="Eigene Gemeinde")
    admin = make_staff(town, Role.ADMIN, "town-admin")
    stranger = make_staff(make_authority(name="Fremde Gemeinde"), Role.PLANNER, "fremde-planerin")
    return town, admin, stranger


def test_an_authority_admin_cannot_attach_an_account_by_id(client, town_admin_and_stranger):
    town, admin, stranger = town_admin_and_stranger
    client.force_login(admin)
    add_url = reverse("admin:portal_membership_add")
    page = client.get(add_url).content.decode()
    assert "fremde-planerin" not in page
    response = client.post(add_url, {"user": stranger.pk, "authority": town.pk, "role": "planner"})
    assert response.status_code == 200
    assert not Membership.objects.filter(user=stranger, authority=town).exists()


def test_the_user_autocomplete_is_for_superusers_only(client, town_admin_and_stranger):
    town, admin, stranger = town_admin_and_stranger
    client.force_login(admin)
    url = reverse("admin:autocomplete") + (
        "?app_label=portal&model_name=membership&field_name=user&term=fremde")
    response = client.get(url)
    assert response.status_code in {403, 404}
    assert b"fremde-planerin" not in response.content
    page = client.get(reverse("admin:portal_authority_change", args=[town.pk])).content.decode()
    assert "fremde-planerin" not in page and "town-admin" in page


def test_an_authority_admin_adds_a_colleague_by_exact_e_mail(client, town_admin_and_stranger):
    town, admin, stranger = town_admin_and_stranger
    client.force_login(admin)
    add_url = reverse("admin:portal_membership_add")
    refused = client.post(add_url, {"account_email": "fremde@example.org", "authority": town.pk,
                                    "role": "planner"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "No single active account has this e-mail address" in refused.content.decode()
    assert not Membership.objects.filter(authority=town, role="planner").exists()
    response = client.post(add_url, {"account_email": "FREMDE-PLANERIN@example.org",
                                     "authority": town.pk, "role": "planner"})
    assert response.status_code == 302
    assert Membership.objects.get(user=stranger, authority=town).role == "planner"
    again = client.post(add_url, {"account_email": "fremde-planerin@example.org",
                                  "authority": town.pk, "role": "viewer"},
                        HTTP_ACCEPT_LANGUAGE="en")
    assert "already has a role at this authority" in again.content.decode()


def test_an_authority_admin_cannot_move_an_existing_membership_to_another_account(
        client, town_admin_and_stranger):
    town, admin, stranger = town_admin_and_stranger
    colleague = make_staff(town, Role.VIEWER, "kollege")
    membership = Membership.objects.get(user=colleague)
    client.force_login(admin)
    client.post(reverse("admin:portal_membership_change", args=[membership.pk]),
                {"user": stranger.pk, "authority": town.pk, "role": "viewer"})
    membership.refresh_from_db()
    assert membership.user == colleague


def test_every_admin_of_a_tenant_owned_model_is_scoped():
    """A ModelAdmin registered later for a model with an authority must scope like these."""
    from django.contrib import admin

    from portal.admin import TenantScopedAdminMixin
    from portal.models import Authority

    def tenant_owned(model) -> bool:
        return model is Authority or hasattr(model, "TENANT_FIELD") or any(
            getattr(field, "related_model", None) is Authority for field in model._meta.fields)

    owned = {model: model_admin for model, model_admin in admin.site._registry.items()
             if tenant_owned(model)}
    assert Authority in owned and Membership in owned
    for model, model_admin in owned.items():
        assert isinstance(model_admin, TenantScopedAdminMixin), model
