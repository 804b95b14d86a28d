"""A citizen finds a plan on the state map, by municipality, and with the keyboard alone."""

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from fixtures.demo import load_demo_data

from .conftest import assert_accessible, keep_screenshot, map_point, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    return load_demo_data()


def wait_for_map(page):
    page.wait_for_selector(".portal-map[data-map-ready]")
    assert page.get_attribute(".portal-map", "data-map-ready") == "true"


def muehlbach_centre(demo):
    plan = next(p for p in demo["plans"] if p.number == "MS-12")
    centre = plan.area.centroid.transform(4326, clone=True)
    return plan, centre.y, centre.x


def test_find_a_plan_by_clicking_the_map(page, demo, artifacts_dir):
    plan, lat, lon = muehlbach_centre(demo)
    page.goto("/")
    wait_for_map(page)
    # The plan areas arrive as vector tiles and are drawn on canvas tiles.
    wait_until(page, "document.querySelectorAll('.portal-map canvas.leaflet-tile').length > 0")
    keep_screenshot(page, artifacts_dir, "plan-map")
    assert_accessible(page)
    point = map_point(page, lat, lon, zoom=15)
    page.locator(".portal-map").click(position=point)
    page.wait_for_url("**/?*lat=*")
    results = page.locator("#results .plan-list a").all_inner_texts()
    assert "Am Mühlbach (MS-12)" in results, f"clicked {point} for {lat}, {lon}: {page.url}"
    page.click("text=Am Mühlbach (MS-12)")
    page.wait_for_url(f"**{plan.get_absolute_url()}")
    assert page.locator("h1").inner_text().startswith("Am Mühlbach")


def test_find_a_plan_by_municipality_and_see_layers_and_documents(page, demo, artifacts_dir):
    tile_answers = []  # (status, url) of every tile, for the diagnosis below
    page.on("response", lambda r: "/tiles/" in r.url and tile_answers.append((r.status, r.url)))
    # On a phone the state map is on the first screen, and the search says what it finds.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    wait_for_map(page)
    keep_screenshot(page, artifacts_dir, "state-portal-phone")
    assert page.locator(".portal-map").bounding_box()["y"] < 844 - 300  # was ~970 px down
    assert page.locator("label[for=plan-q]").inner_text() == "Gemeinde, Planname oder -nummer"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("#plan-q", "Musterstadt")
    page.click("form.plan-search button[type=submit]")
    page.wait_for_url("**/?q=Musterstadt*")
    assert sorted(page.locator("#results .plan-list a").all_inner_texts()) == [
        "Am Mühlbach (MS-12)", "Ortskern Nord (MS-03)"]
    page.click("text=Am Mühlbach (MS-12)")
    wait_for_map(page)
    # The vector layer of the plan is drawn and has a labelled on/off switch.
    wait_until(page, "document.querySelectorAll('.portal-map canvas.leaflet-tile').length > 0")
    assert page.locator("#plan-map-layers input[type=checkbox]").count() == 1
    assert page.locator("label[for$='-show']").inner_text() == "Art der baulichen Nutzung anzeigen"
    # The legend is generated from the layer's style, with what each colour means.
    assert page.locator(".map-legend__label").all_inner_texts() == [
        "Allgemeines Wohngebiet (WA)", "Mischgebiet (MI)", "Grünfläche"]
    # A click on a land-use area names its use, not its code.
    from gis.models import Feature

    area = Feature.objects.get(layer__plan_link__plan__number="MS-12", style_key="1500")
    centre = area.geometry.centroid.transform(4326, clone=True)
    point = map_point(page, centre.y, centre.x)
    popup = page.locator(".leaflet-popup-content")
    # The click hits a feature only once its vector tile has arrived: on a loaded machine that
    # can take a while, so wait for the network and click again until the popup opens.
    with contextlib.suppress(PlaywrightTimeoutError):  # a tile still loading: the clicks wait
        page.wait_for_load_state("networkidle", timeout=10_000)
    for _attempt in range(10):
        page.locator(".portal-map").click(position=point)
        try:
            popup.wait_for(timeout=3000)
            break
        except PlaywrightTimeoutError:
            continue
    # Seen once on PostGIS after the whole suite before the retries above: say what the tiles were.
    assert popup.is_visible(), (f"no popup at {point} (centre {centre.coords}); layer-set tiles: "
                                f"{[a for a in tile_answers if 'layerset' in a[1]][:12]}")
    assert "Mischgebiet (MI)" in popup.inner_text() and "1500" not in popup.inner_text()
    page.keyboard.press("Escape")
    page.wait_for_load_state("networkidle")
    documents = page.locator(".document-list li a").all_inner_texts()
    assert documents == ["Begründung (Entwurf)", "Planzeichnung (Entwurf)"]
    assert "Stellungnahmen sind bis" in page.locator(".callout--open").inner_text()
    keep_screenshot(page, artifacts_dir, "plan-page")
    assert_accessible(page)
    with page.expect_response(lambda r: "/dokumente/" in r.url) as response_info:
        page.click("text=Begründung (Entwurf)")
    response = response_info.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert page.errors == []


def test_keyboard_only_search_and_open_a_plan(page, demo):
    page.goto("/")
    wait_for_map(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip link
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "plan-q":
            break
    else:
        pytest.fail("the plan search is not reachable with the keyboard")
    page.keyboard.type("Ortskern")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=Ortskern*")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Ortskern Nord (MS-03)":
            break
    else:
        pytest.fail("the result is not reachable with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/plaene/**")
    assert page.locator("h1").inner_text().startswith("Ortskern Nord")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Zusammenfassende Erklärung":
            break
    else:
        pytest.fail("the documents are not reachable with the keyboard")
