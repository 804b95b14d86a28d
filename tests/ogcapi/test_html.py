"""Conformance class HTML: every resource as an HTML page of the portal (German first), chosen
by f=html or a browser's Accept header; labelled tables with header cells."""

import re

import pytest

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _html(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


@pytest.mark.parametrize("path", [
    "/ogcapi/", "/ogcapi/conformance", "/ogcapi/collections", "/ogcapi/api",
    "/ogcapi/collections/plans-in-force", "/ogcapi/collections/plans-in-force/items",
])
def test_a_browser_gets_html_and_a_program_json(client, world, path):
    page = _html(client.get(path, headers={"Accept": BROWSER_ACCEPT}))
    assert '<html lang="de"' in page
    program = client.get(path, headers={"Accept": "application/json"})
    assert "json" in program["Content-Type"]
    forced = client.get(path, {"f": "json"}, headers={"Accept": BROWSER_ACCEPT})
    assert "json" in forced["Content-Type"]


def test_collections_page_in_german_with_a_labelled_table(client, world):
    page = _html(client.get("/ogcapi/collections", {"f": "html"}))
    assert "<h1>Sammlungen</h1>" in page
    assert "Rechtskräftige Pläne" in page
    assert re.search(r"<caption[^>]*>Veröffentlichte Sammlungen</caption>", page)
    assert page.count('<th scope="col">') >= 3


def test_items_page_pages_with_links(client, world):
    page = _html(client.get("/ogcapi/collections/plans-in-force/items",
                            {"f": "html", "limit": 2}))
    assert "Bebauungsplan Nr. 0" in page and "Bebauungsplan Nr. 2" not in page
    assert "Objekte 1 bis 2 von 3." in page
    assert 'rel="next"' in page and "offset=2" in page
    assert '<th scope="row">' in page
    last = _html(client.get("/ogcapi/collections/plans-in-force/items",
                            {"f": "html", "limit": 2, "offset": 2}))
    assert "Bebauungsplan Nr. 2" in last and 'rel="prev"' in last


def test_feature_page(client, world):
    plan = world["in_force"][0]
    page = _html(client.get(f"/ogcapi/collections/plans-in-force/items/{plan.uid}",
                            {"f": "html"}))
    assert plan.name in page and "entry_into_force_date" in page


def test_errors_in_html_are_german(client, world):
    response = client.get("/ogcapi/collections/plans-in-force/items",
                          {"f": "html", "limit": "0"})
    assert response.status_code == 400
    assert "Die Anzahl (limit) muss" in response.content.decode()
    missing = client.get("/ogcapi/collections/gibt-es-nicht", {"f": "html"})
    assert missing.status_code == 404 and "Nicht gefunden" in missing.content.decode()


def test_ogcapi_is_no_authority_address(world):
    from django.core.exceptions import ValidationError

    from ..factories import make_authority

    with pytest.raises(ValidationError):
        make_authority(slug="ogcapi", ags="14625030")
