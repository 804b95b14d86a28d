"""The OGC API's HTML encoding in a browser: from the landing page through the collections to
the features and one feature, by links alone; every page axe-clean under the enforced CSP."""

import pytest
from django.conf import settings

from ..factories import make_authority, make_plan, square
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_from_the_landing_page_to_a_feature(page, live_server):
    authority = make_authority(name="Gemeinde Ogcdorf", slug="ogcdorf",
                               jurisdiction=square(800_000, 5_650_000, 20_000))
    for n in range(3):
        make_plan(authority, name=f"Bebauungsplan Nr. {n}", legal_status="4000",
                  area=square(801_000 + n * 1000, 5_651_000, 500))

    page.goto("/ogcapi/")  # a browser's Accept header: the HTML page
    assert "OGC API Features" in page.locator("h1").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Sammlungen").first.click()
    assert page.locator("h1").inner_text() == "Sammlungen"
    assert_accessible(page)
    page.get_by_role("link", name="Rechtskräftige Pläne").click()
    assert page.locator("h1").inner_text() == "Rechtskräftige Pläne"
    assert_accessible(page)
    page.get_by_role("link", name="Objekte anzeigen").click()
    features = page.get_by_role("table", name="Objekte")
    assert features.get_by_role("row").count() == 4  # the header row and three plans
    assert_accessible(page)
    features.get_by_role("row").nth(1).get_by_role("link").click()
    assert page.locator("h1").inner_text().startswith("Rechtskräftige Pläne: ")
    assert_accessible(page)
    page.goto("/ogcapi/api")
    assert page.locator("h1").inner_text() == "API-Dokumentation"
    assert_accessible(page)


def test_the_landing_page_in_english(page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en",
                               "url": live_server.url}])
    page.goto("/ogcapi/conformance")
    assert page.locator("h1").inner_text() == "Conformance classes"
    assert_accessible(page)
