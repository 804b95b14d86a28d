"""Trail pages and the signpost register in real Chromium: the public trail page with its map,
the register and a signpost edited with the keyboard alone. axe-clean, CSP-clean."""

import re

import pytest
from django.contrib.gis.geos import LineString, MultiLineString, Point
from playwright.sync_api import expect

from gis.srid import storage_srid
from participation.trails.length import geodesic_length_m
from participation.trails.models import Signpost, Trail
from participation.trails.services.signposts import save_signpost
from portal.models import Role

from ..factories import make_authority, make_staff, square
from .conftest import assert_accessible, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def forest():
    authority = make_authority(name="Walddorf", slug="walddorf", ags="14628000",
                               jurisdiction=square(815_000, 5_650_000, 8000),
                               enabled_modules=["incidents", "trails"])
    line = MultiLineString(LineString((816_000, 5_654_000), (822_000, 5_654_500)),
                           srid=storage_srid())
    trail = Trail.objects.create(authority=authority, name="Malerweg", marking="Blauer Strich",
                                 geometry=line, length_m=geodesic_length_m(line))
    signpost = save_signpost(Signpost(authority=authority,
                                      location=Point(818_000, 5_654_170, srid=storage_srid())))
    make_staff(authority, Role.PLANNER, "wegewart")
    return {"trail": trail, "signpost": signpost}


def test_trail_page_with_map(page, forest):
    page.goto("/walddorf/wege/")
    page.wait_for_selector(".portal-map[data-map-ready=true]")
    assert_accessible(page)
    page.get_by_role("link", name="Malerweg").click()
    page.wait_for_selector(".portal-map[data-feature-count='1']")
    expect(page.locator("h1")).to_have_text("Malerweg")
    assert_accessible(page)


def test_register_edited_with_the_keyboard(page, forest):
    page.goto("/accounts/login/")
    page.fill("#id_username", "wegewart")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    page.goto("/staff/wege/")
    assert_accessible(page)
    public_id = forest["signpost"].public_id
    link = page.get_by_role("link", name=public_id)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"/staff/wege/wegweiser/{public_id}/$"))
    assert_accessible(page)
    page.locator("#id_material").focus()
    page.keyboard.type("Lärche")
    page.locator("#id_condition").focus()
    page.keyboard.press("ArrowDown")  # good -> damaged
    expect(page.locator("#id_condition")).to_have_value("damaged")
    page.locator("#id_material").focus()
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_url(re.compile(f"/staff/wege/wegweiser/{public_id}/$"))
    expect(page.locator("[role=status], .message").first).to_contain_text(public_id)
    forest["signpost"].refresh_from_db()
    assert forest["signpost"].material == "Lärche"
    assert forest["signpost"].condition == "damaged"
    assert_accessible(page)
