"""First journeys in real Chromium: state portal, tenant portal, keyboard, language, staff."""

import pytest

from fixtures.demo import DEMO_PASSWORD, load_demo_data
from portal.models import Authority

from .conftest import assert_accessible, keep_screenshot, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    return load_demo_data()


def wait_for_map(page, selector=".portal-map"):
    page.wait_for_selector(f"{selector}[data-map-ready]")
    assert page.get_attribute(selector, "data-map-ready") == "true"
    return int(page.get_attribute(selector, "data-feature-count") or 0)


def test_authority_directory_renders_with_map_and_list(page, demo, artifacts_dir):
    page.goto("/behoerden/")
    assert page.title().startswith("Behörden")
    features = wait_for_map(page)
    assert features == Authority.objects.filter(jurisdiction__isnull=False).count() == 5
    # The map has drawn the jurisdictions as vector paths.
    assert page.locator(".portal-map path.leaflet-interactive").count() == 5
    assert page.locator(".authority-list li").count() == 5
    keep_screenshot(page, artifacts_dir, "authority-directory")
    assert_accessible(page)
    assert page.errors == []


def test_tenant_portal_renders_its_area(page, demo, artifacts_dir):
    page.goto("/musterstadt/")
    assert page.locator("h1").inner_text() == "Musterstadt (Demo)"
    assert wait_for_map(page) == 1
    bounds = page.evaluate(
        "() => { const b = document.querySelector('.portal-map').portalMap.getBounds();"
        " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    )
    # The map is zoomed to the municipality east of Dresden (about 13.7°E, 51.0°N).
    assert 13.4 < bounds[0] < bounds[2] < 14.1 and 50.8 < bounds[1] < bounds[3] < 51.2
    keep_screenshot(page, artifacts_dir, "tenant-portal")
    assert_accessible(page)
    assert page.errors == []


def test_keyboard_reaches_main_content_and_a_tenant_portal(page, demo):
    page.goto("/behoerden/")
    wait_for_map(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Hauptinhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Tab onward until the search field has focus: it must be reachable without a mouse.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "authority-search":
            break
    else:
        pytest.fail("the search field is not reachable with the keyboard")
    page.keyboard.type("Beispiel")
    page.keyboard.press("Enter")
    page.wait_for_url("**/behoerden/?q=Beispiel*")
    # Tab to the first result and follow it.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Beispieldorf (Demo)":
            break
    else:
        pytest.fail("the search result is not reachable with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/beispieldorf/*")
    assert page.locator("h1").inner_text() == "Beispieldorf (Demo)"


def test_language_switch_to_english(page, demo):
    page.goto("/musterstadt/")
    page.select_option("#language-select", "en")
    page.click(".language-switch button")
    page.wait_for_selector("html[lang=en]")
    assert page.locator(".skip-link").inner_text() == "Skip to main content"
    assert page.url.endswith("/musterstadt/")


def test_staff_sign_in_and_own_authorities(page, demo, artifacts_dir):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.fill("#id_username", "planerin")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    assert page.locator(".authority-list li").all_inner_texts() == ["Musterstadt (Demo) Gemeinde"]
    keep_screenshot(page, artifacts_dir, "staff-home")
    assert_accessible(page)
