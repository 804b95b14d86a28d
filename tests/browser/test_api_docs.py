"""A GIS developer starts at the API root, follows its service-doc link to the API reference,
and sends the plan list's form with the keyboard alone; the reference is axe-clean (desktop
and phone) in German and English under the enforced CSP."""

import json

import pytest
from django.conf import settings

from ..factories import make_authority, make_plan
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_the_api_root_to_a_plan_list_by_keyboard(page, live_server):
    authority = make_authority(name="Kreisstadt", slug="kreisstadt")
    for n in range(3):
        make_plan(authority, name=f"Plan {n}")

    page.goto("/api/")
    links = json.loads(page.locator("body").inner_text())["links"]
    service_doc = next(link for link in links if link["rel"] == "service-doc")
    assert service_doc["type"] == "text/html"
    page.goto(service_doc["href"])
    assert page.locator("h1").inner_text() == "API-Referenz"
    assert_accessible(page)

    page.focus("#try-plans_list-authority")
    for _ in range(12):
        if page.evaluate("document.activeElement.id") == "try-plans_list-limit":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the limit field of the plan list form is not reachable with the keyboard")
    page.keyboard.type("2")
    with page.expect_response(lambda response: "/api/plans/" in response.url) as answer:
        page.keyboard.press("Enter")
    response = answer.value
    assert response.status == 200 and response.url.endswith("/api/plans/?limit=2")
    # A browser asks for HTML and gets DRF's browsable page, which shows the JSON answer.
    page.wait_for_load_state()
    shown = page.locator("main, body").first.inner_text()
    assert '"numberReturned": 2' in shown and '"type": "FeatureCollection"' in shown


def test_the_reference_in_english_is_accessible(page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en",
                               "url": live_server.url}])
    page.goto("/api/docs/")
    assert page.locator("h1").inner_text() == "API reference"
    assert_accessible(page)
