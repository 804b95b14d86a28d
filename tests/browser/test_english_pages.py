"""The citizen's and the planner's pages in English, in real Chromium: every page is checked by
assert_accessible, which runs axe at desktop size and on a 390 x 844 phone, fails on horizontal
scrolling and small checkboxes on the phone, and on German interface words in English pages
(page_checks.py). A layer with a long XPlanung class name must not widen the plan page."""

import pytest
from django.conf import settings

from fixtures.demo import DEMO_PASSWORD, load_demo_data
from gis.models import Layer

from .conftest import assert_accessible, keep_screenshot, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

LONG_LAYER_NAME = "BP_UeberbaubareGrundstuecksFlaeche_BP_BesondererNutzungszweckFlaeche"


@pytest.fixture
def demo():
    return load_demo_data()


def in_english(page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en",
                               "url": live_server.url}])


def visit(page, url: str) -> None:
    page.goto(url)
    if page.locator(".portal-map").count():
        page.wait_for_selector(".portal-map[data-map-ready]")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_accessible(page)


def test_citizen_pages_in_english_on_desktop_and_phone(page, live_server, demo, artifacts_dir):
    plan = next(p for p in demo["plans"] if p.number == "MS-12")
    Layer.objects.filter(plan_link__plan=plan).update(name=LONG_LAYER_NAME)
    in_english(page, live_server)
    for url in ["/", "/behoerden/", "/musterstadt/", "/verfahren/", "/musterstadt/verfahren/"]:
        visit(page, url)
    visit(page, plan.get_absolute_url())
    assert LONG_LAYER_NAME in page.locator("main").inner_text().replace("\u00ad", "")
    page.set_viewport_size({"width": 390, "height": 844})
    keep_screenshot(page, artifacts_dir, "plan-page-phone-english")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("text=Submit a statement")
    page.wait_for_selector("form")
    visit(page, page.url)
    page.fill("#id_text", "Please keep the stream open.")
    page.check("#id_anonymous_1")
    page.check("#id_privacy_accepted")
    page.wait_for_timeout(3100)  # the form's too-fast trap
    page.click("button.primary")
    page.wait_for_selector(".reference")
    visit(page, page.url)  # the receipt page, with its date in English


def test_staff_home_in_english(page, live_server, demo):
    in_english(page, live_server)
    page.goto("/accounts/login/")
    page.fill("#id_username", "planerin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    visit(page, "/staff/")
    visit(page, "/staff/plaene/")
