"""The overview of all procedures in real Chromium: from the state portal to /verfahren/, a
citizen filters by kind and then by a place with the keyboard alone, and opens a dialogue from
the list. The map shows markers of the same page. axe-clean and CSP-clean throughout."""

import pytest
from playwright.sync_api import expect

from fixtures.demo import load_demo_data

from .conftest import assert_accessible, keep_screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    return load_demo_data()


def _kinds(page) -> set[str]:
    return set(page.locator(".procedure-list__item").evaluate_all(
        "items => items.map(item => item.dataset.kind)"))


def test_citizen_filters_by_kind_and_place_with_the_keyboard(page, demo, artifacts_dir):
    page.goto("/")
    page.get_by_role("link", name="Alle Verfahren jeder Art").click()
    page.wait_for_url("**/verfahren/")
    page.wait_for_selector(".portal-map[data-map-ready=true]")
    kinds = _kinds(page)
    assert {"dialogue", "survey"} <= kinds and any(k.startswith("baugb") for k in kinds)
    assert int(page.locator("#procedure-map").get_attribute("data-feature-count")) >= 2
    assert_accessible(page)
    keep_screenshot(page, artifacts_dir, "procedure-overview")

    # By kind: the select chosen by typing, the form sent with Enter from the text field.
    page.focus("#overview-kind")
    page.keyboard.type("Dialog")
    page.focus("#overview-q")
    page.keyboard.press("Enter")
    page.wait_for_url("**kind=dialogue**")
    assert _kinds(page) == {"dialogue"}
    expect(page.locator("#overview-kind")).to_have_value("dialogue")
    assert_accessible(page)

    # Near a place (a municipality's name; no address index in the demo), 5 km.
    page.get_by_role("link", name="Zurücksetzen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/verfahren/")
    page.focus("#overview-place")
    page.keyboard.type("Musterstadt")
    page.keyboard.press("Enter")
    page.wait_for_url("**place=Musterstadt**")
    expect(page.get_by_role("status")).to_contain_text("Musterstadt (Demo)")
    page.wait_for_selector(".portal-map[data-map-ready=true]")
    titles = page.locator(".procedure-list__title").all_inner_texts()
    assert titles and "Wie soll der neue Marktplatz aussehen?" in titles
    assert "survey" not in _kinds(page)  # a survey has no place
    assert_accessible(page)
    keep_screenshot(page, artifacts_dir, "procedure-overview-near")

    # An unknown place is named in an error summary that links its field.
    page.focus("#overview-place")
    page.keyboard.press("Control+A")
    page.keyboard.type("Atlantis")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("„Atlantis“")
    assert_accessible(page)

    # The procedure's own page from the list.
    page.goto("/musterstadt/verfahren/?kind=dialogue")
    page.get_by_role("link", name="Wie soll der neue Marktplatz aussehen?").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/musterstadt/dialoge/**")
