"""A citizen reports a problem in real Chromium: on a phone with a map pin and two photos, with
the keyboard alone through the coordinate and address fields, and by the address alone.
axe-clean, CSP-clean."""

import re

import pytest
from django.contrib.gis.geos import Point
from PIL import Image
from playwright.sync_api import expect

from fixtures.demo import load_demo_data
from participation.incidents.models import IncidentReport

from .conftest import assert_accessible, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    return load_demo_data()


@pytest.fixture
def photos(tmp_path):
    paths = []
    for index, colour in enumerate(((200, 40, 40), (40, 40, 200))):
        path = tmp_path / f"loch-{index}.jpg"
        Image.new("RGB", (800, 600), colour).save(path, "JPEG")
        paths.append(str(path))
    return paths


def test_phone_map_pin_and_two_photos(page, demo, photos):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/musterstadt/meldungen/neu/")
    page.wait_for_selector(".portal-map[data-map-ready=true]")
    assert_accessible(page)
    page.select_option("#id_category", label="Schlagloch")
    page.locator("#report-map").scroll_into_view_if_needed()
    box = page.locator("#report-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#id_latitude")).not_to_have_value("")
    expect(page.locator("#place-status")).not_to_be_empty()
    page.fill("#id_description", "Tiefes Schlagloch auf dem Radweg.")
    page.set_input_files("#id_photos", photos)
    page.fill("#id_email", "melderin@example.org")
    page.check("#id_privacy")
    page.click("#report-submit")
    expect(page).to_have_url(re.compile("/meldungen/eingang/"))
    report = IncidentReport.objects.get(description="Tiefes Schlagloch auf dem Radweg.")
    expect(page.locator("strong", has_text=report.reference)).to_be_visible()
    assert report.authority.slug == "musterstadt" and report.photos.count() == 2
    assert_accessible(page)


def test_a_nearby_open_report_is_offered_and_supported_instead(page, demo):
    from participation.incidents.location import lat_lon

    existing = IncidentReport.objects.get(description="Tiefes Schlagloch vor der Bäckerei.")
    lat, lon = lat_lon(existing.location)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/musterstadt/meldungen/neu/")
    page.select_option("#id_category", label="Schlagloch")
    page.fill("#id_latitude", f"{lat:.6f}")
    page.fill("#id_longitude", f"{lon:.6f}")
    page.locator("#id_longitude").dispatch_event("change")
    link = page.locator("#nearby-reports a", has_text=existing.reference)
    expect(link).to_be_visible()
    assert_accessible(page)
    link.click()
    page.fill("#support-email", "auch@example.org")
    page.click("#support-submit")
    expect(page.locator(".messages")).to_be_visible()
    assert existing.supports.filter(email="auch@example.org").exists()
    assert_accessible(page)


def test_keyboard_only_by_coordinates_and_address(page, demo):
    town = IncidentReport.objects.filter(authority__slug="musterstadt").first()
    centre = Point(*town.location.coords, srid=town.location.srid).transform(4326, clone=True)
    page.goto("/musterstadt/meldungen/neu/")
    page.locator("#id_category").focus()
    page.keyboard.press("ArrowDown")  # the first category
    for selector, text in (("#id_latitude", f"{centre.y:.6f}"), ("#id_longitude", f"{centre.x:.6f}"),
                           ("#id_address", "Marktplatz 1"),
                           ("#id_description", "Laterne flackert.")):
        page.locator(selector).focus()
        page.keyboard.type(text)
    page.locator("#id_privacy").focus()
    page.keyboard.press("Space")
    page.locator("#report-submit").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/meldungen/eingang/"))
    expect(page.locator("strong", has_text="EM-")).to_be_visible()
    assert IncidentReport.objects.filter(description="Laterne flackert.",
                                         address="Marktplatz 1").exists()
    assert_accessible(page)


def test_staff_inbox_and_status_change_are_accessible(page, demo):
    from fixtures.demo import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.fill("#id_username", "verwaltung")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    page.goto("/staff/meldungen/")
    assert_accessible(page)
    report = IncidentReport.objects.filter(authority__slug="musterstadt", status="open").first()
    page.click(f"text={report.reference}")
    assert_accessible(page)
    page.select_option("#id_status", "in_progress")
    page.fill("#id_public_answer", "Wir sehen uns das an.")
    page.locator("form:has(input[name=action][value=status]) button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    report.refresh_from_db()
    assert report.status == "in_progress"
    assert_accessible(page)


def test_public_list_with_map(page, demo):
    page.goto("/musterstadt/meldungen/")
    page.wait_for_selector(".portal-map[data-map-ready=true]")
    expect(page.locator("#reports-map .leaflet-interactive")).to_have_count(3)
    assert_accessible(page)


def test_keyboard_only_by_address_alone(page, demo):
    """Without coordinates: the address is looked up in the local address index."""
    from portal.addresses import number_key, street_key
    from portal.models import Address

    town = IncidentReport.objects.filter(authority__slug="musterstadt").first()
    place = Point(town.location.x + 200, town.location.y, srid=town.location.srid)
    Address.objects.create(street="Lindenweg", housenumber=number_key("4"), postcode="01234",
                           city="Musterstadt", street_key=street_key("Lindenweg"), location=place)
    page.goto("/musterstadt/meldungen/neu/")
    expect(page.locator("#address-lookup-help")).to_be_visible()
    page.locator("#id_category").focus()
    page.keyboard.press("ArrowDown")  # the first category
    for selector, text in (("#id_address", "Lindenweg 4, Musterstadt"),
                           ("#id_description", "Schild umgefahren.")):
        page.locator(selector).focus()
        page.keyboard.type(text)
    page.locator("#id_privacy").focus()
    page.keyboard.press("Space")
    page.locator("#report-submit").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/meldungen/eingang/"))
    report = IncidentReport.objects.get(description="Schild umgefahren.")
    assert report.location.distance(place) < 1
    assert_accessible(page)
