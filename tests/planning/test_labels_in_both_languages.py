"""Code-list labels (plan kind, legal status, planArt) read right in German and in English."""

import pytest
from django.urls import reverse

from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    return make_plan(town, name="Am Mühlbach", legal_status="4000", plan_class="BP_Plan",
                     plan_art=["10000"], area=square(820_000, 5_655_000, 400))


def test_public_plan_page_names_kind_and_legal_status_in_the_reader_s_language(client, plan):
    url = reverse("planning:plan-detail", args=[plan.authority.slug, plan.uid])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Binding land-use plan" in english and "Legal status: in force / effective" in english
    assert "Bebauungsplan" not in english and "Rechtsstand" not in english
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Bebauungsplan" in german and "Rechtsstand: in Kraft getreten / wirksam" in german


def test_staff_plan_page_names_plan_art_in_words(client, plan):
    client.force_login(make_staff(plan.authority, Role.PLANNER, "planerin"))
    url = reverse("planning_staff:plan-detail", args=[plan.uid])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Simple binding land-use plan (10000)" in english and "EinfacherBPlan" not in english
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "einfacher Bebauungsplan (10000)" in german
