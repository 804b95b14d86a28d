"""Tenancy of the staff plan pages: another authority's plan, document, layer or phase is 404
(GET and POST) and stays untouched; anonymous users are sent to the sign-in page."""

import pytest
from django.urls import reverse

from gis.models import Layer
from planning.models import Plan, PlanDocument
from portal.models import Phase, Role

from ..factories import make_staff, make_user

pytest_plugins = ["tests.planning.test_staff_support"]
pytestmark = pytest.mark.django_db


def staff_urls(world) -> list[str]:
    """Every staff URL that addresses the world's plan or one of its objects."""
    uid = world["plan"].uid
    plan_kwargs = {"plan_uid": uid}
    document = {"plan_uid": uid, "document_uid": world["document"].uid}
    layer = {"plan_uid": uid, "layer_uid": world["layer"].uid}
    phase = {"plan_uid": uid, "phase_pk": world["phase"].pk}
    names = ["plan-detail", "plan-update", "plan-publish", "plan-unpublish", "document-add",
             "layer-add-vector", "layer-add-raster", "layer-status", "phase-add"]
    return (
        [reverse(f"planning_staff:{name}", kwargs=plan_kwargs) for name in names]
        + [reverse(f"planning_staff:{name}", kwargs=document)
           for name in ("document-download", "document-delete")]
        + [reverse("planning_staff:layer-delete", kwargs=layer)]
        + [reverse(f"planning_staff:{name}", kwargs=phase) for name in ("phase-edit", "phase-delete")]
    )


POST_DATA = {
    "name": "Übernommen", "plan_class": "BP_Plan", "document-kind": "1010",
    "phase-kind": "baugb_3_2", "phase-start_date": "2030-01-01", "phase-end_date": "2030-03-01",
    "kind": "baugb_3_2", "start_date": "2030-01-01", "end_date": "2030-03-01",
}


def snapshot(world) -> dict:
    plan = Plan.objects.get(pk=world["plan"].pk)
    return {
        "plan": (plan.name, plan.is_published, plan.area.wkt),
        "documents": list(PlanDocument.objects.filter(plan=plan).values_list("uid", "title")),
        "layers": list(Layer.objects.filter(plan_link__plan=plan).values_list("uid", "name")),
        "phases": list(Phase.objects.filter(procedure__plan=plan).values_list("pk", "end_date")),
    }


def test_every_staff_url_of_a_foreign_plan_is_404_for_get_and_post(client, planner, own_world,
                                                                   foreign_world):
    client.force_login(planner)
    for url in staff_urls(own_world):
        assert client.get(url).status_code in (200, 302), url
    before = snapshot(foreign_world)
    for url in staff_urls(foreign_world):
        for method in (client.get, client.post):
            response = method(url, POST_DATA) if method is client.post else method(url)
            assert response.status_code == 404, (method.__name__, url)
            assert "Fremd" not in response.content.decode(), url
    assert snapshot(foreign_world) == before


def test_foreign_objects_under_an_own_plan_are_404(client, planner, own_world, foreign_world):
    client.force_login(planner)
    uid = own_world["plan"].uid
    urls = [
        reverse("planning_staff:document-download",
                kwargs={"plan_uid": uid, "document_uid": foreign_world["document"].uid}),
        reverse("planning_staff:document-delete",
                kwargs={"plan_uid": uid, "document_uid": foreign_world["document"].uid}),
        reverse("planning_staff:layer-delete",
                kwargs={"plan_uid": uid, "layer_uid": foreign_world["layer"].uid}),
        reverse("planning_staff:phase-edit",
                kwargs={"plan_uid": uid, "phase_pk": foreign_world["phase"].pk}),
        reverse("planning_staff:phase-delete",
                kwargs={"plan_uid": uid, "phase_pk": foreign_world["phase"].pk}),
    ]
    before = snapshot(foreign_world)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, POST_DATA).status_code == 404, url
    assert snapshot(foreign_world) == before


def test_anonymous_users_are_sent_to_sign_in(client, own_world):
    urls = [reverse("planning_staff:plan-list"), reverse("planning_staff:plan-create"),
            *staff_urls(own_world)]
    before = snapshot(own_world)
    for url in urls:
        for response in (client.get(url), client.post(url, POST_DATA)):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login") + "?next="), url
    assert snapshot(own_world) == before


def test_user_without_membership_gets_404_and_an_empty_list(client, own_world):
    client.force_login(make_user("nobody"))
    for url in staff_urls(own_world):
        assert client.get(url).status_code == 404, url
    response = client.get(reverse("planning_staff:plan-list"))
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert client.get(reverse("planning_staff:plan-create")).status_code == 403


def test_list_shows_only_own_plans(client, planner, own_world, foreign_world):
    client.force_login(planner)
    response = client.get(reverse("planning_staff:plan-list"))
    html = response.content.decode()
    assert "Eigener Plan" in html
    assert "Fremder Plan" not in html and "Fremde Gemeinde" not in html


def test_creating_a_plan_for_a_foreign_authority_is_refused(client, planner, foreign_world):
    client.force_login(planner)
    count = Plan.objects.count()
    response = client.post(reverse("planning_staff:plan-create"), {
        "authority": foreign_world["authority"].pk, "name": "Kuckucksei", "plan_class": "BP_Plan",
        "procedure_kind": "baugb_regular",
    })
    assert response.status_code == 200
    assert "authority" in response.context["form"].errors
    assert Plan.objects.count() == count
    # Preselecting a foreign authority by id reveals nothing and preselects nothing.
    page = client.get(reverse("planning_staff:plan-create"),
                      {"authority": foreign_world["authority"].pk})
    assert "Fremde Gemeinde" not in page.content.decode()


def test_removed_membership_applies_at_once(client, town, own_world):
    user = make_staff(town, Role.PLANNER)
    client.force_login(user)
    url = reverse("planning_staff:plan-detail", kwargs={"plan_uid": own_world["plan"].uid})
    assert client.get(url).status_code == 200
    user.memberships.all().delete()
    assert client.get(url).status_code == 404
