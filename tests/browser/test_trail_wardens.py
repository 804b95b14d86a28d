"""A trail warden in real Chromium: the report app offline (two reports with photos queued on
the device, sent once each when the network is back, even when the first answer is lost), the
keyboard alone, and the register and trail pages axe- and CSP-clean."""

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from participation.incidents.models import IncidentReport
from tests.trails import conftest as trails_world
from tests.trails.conftest import TRAIL_Y, lat_lon_of, x_at_km

from .conftest import assert_accessible, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

# The forest municipality, its trail and two wardens of tests/trails (fixtures).
forest = trails_world.forest
wardens = trails_world.wardens
warden_staff = trails_world.warden_staff


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])


@pytest.fixture
def photos(tmp_path):
    paths = []
    for index, colour in enumerate(((200, 40, 40), (40, 40, 200), (40, 160, 40))):
        path = tmp_path / f"wegweiser-{index}.jpg"
        Image.new("RGB", (64, 48), colour).save(path, "JPEG")
        paths.append(str(path))
    return paths


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"{selector} not reached with Tab")


def test_offline_reports_with_photos_arrive_once_each(page, live_server, forest, wardens,
                                                      photos):
    sign_in(page, live_server, wardens["anna"])
    page.goto("/wegewart/walddorf/app/")
    wait_until(page, "document.getElementById('warden-report-form').dataset.offlineReady === '1'")
    assert_accessible(page)
    page.context.set_offline(True)
    page.reload()  # from the service worker's cache: no network
    expect(page.locator("#warden-report-form")).to_be_visible()
    expect(page.locator("#warden-app-status")).to_contain_text("Offline")
    page.select_option("#id_category", label="Wegweiser beschädigt")
    page.select_option("#id_signpost", "WW-walddorf-0001")
    page.fill("#id_description", "Wegweiser abgebrochen, liegt im Graben.")
    page.set_input_files("#id_photos", photos[:2])
    page.click("#warden-report-form button[type=submit]")
    expect(page.locator("#warden-queue li")).to_have_count(1)
    page.select_option("#id_category", label="Wegweiser beschädigt")
    lat, lon = lat_lon_of(x_at_km(1.2), TRAIL_Y + 20)
    page.fill("#id_latitude", f"{lat:.6f}")
    page.fill("#id_longitude", f"{lon:.6f}")
    page.fill("#id_description", "Markierung übermalt.")
    page.set_input_files("#id_photos", photos[2:])
    page.click("#warden-report-form button[type=submit]")
    expect(page.locator("#warden-queue li")).to_have_count(2)
    assert IncidentReport.objects.count() == 0
    assert_accessible(page)
    # The first answer is lost on the way back (the portal stored the report): the app sends
    # the same queued report again, and the portal answers with the one it has.
    lost = []

    def lose_first_answer(route):
        if lost:
            return route.continue_()
        lost.append(route.fetch())
        return route.abort()

    page.route("**/app/senden/", lose_first_answer)
    page.context.set_offline(False)
    expect(page.locator("#warden-queue li")).to_have_count(0, timeout=30_000)
    expect(page.locator("#warden-sent li")).to_have_count(2)
    expect(page.locator("#warden-queue-empty")).to_be_visible()
    assert len(lost) == 1 and lost[0].status == 201
    reports = list(IncidentReport.objects.order_by("pk"))
    assert [r.description for r in reports] == ["Wegweiser abgebrochen, liegt im Graben.",
                                                "Markierung übermalt."]
    assert [r.photos.count() for r in reports] == [2, 1]
    assert reports[0].trail_report.signpost == forest["signpost"]
    assert len({r.idempotency_key for r in reports}) == 2
    assert_accessible(page)


def test_keyboard_only_report_and_own_sections(page, live_server, forest, wardens):
    sign_in(page, live_server, wardens["anna"])
    page.goto("/wegewart/walddorf/app/")
    wait_until(page, "document.getElementById('warden-report-form').dataset.offlineReady === '1'")
    tab_to(page, "#id_category")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_signpost")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_description")
    page.keyboard.type("Schild unleserlich.")
    tab_to(page, "#warden-report-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#warden-sent li")).to_have_count(1, timeout=30_000)
    report = IncidentReport.objects.get()
    assert report.trail_report.signpost == forest["signpost"]
    page.goto("/wegewart/walddorf/")
    assert_accessible(page)
    expect(page.locator("#warden-reports")).to_contain_text(report.reference)
    tab_to(page, f"a[href$='/meldungen/{report.reference}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/meldungen/{report.reference}/")
    assert_accessible(page)
    # Ben's sections do not hold the report.
    sign_in(page, live_server, wardens["ben"])
    page.goto("/wegewart/walddorf/")
    expect(page.locator("#warden-reports")).not_to_contain_text(report.reference)
    response = page.goto(f"/wegewart/walddorf/meldungen/{report.reference}/")
    assert response.status == 404


def test_register_and_trail_pages_keyboard_and_axe(page, live_server, forest, wardens,
                                                   warden_staff):
    trail = forest["trail"]
    page.goto("/walddorf/wege/")
    assert_accessible(page)
    tab_to(page, f"a[href='/walddorf/wege/{trail.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/walddorf/wege/{trail.pk}/")
    expect(page.locator("main")).to_contain_text("Nord")
    assert_accessible(page)
    sign_in(page, live_server, warden_staff)
    page.goto("/staff/wege/")
    assert_accessible(page)
    tab_to(page, "a[href='/staff/wege/wegewarte/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/wege/wegewarte/")
    assert_accessible(page)
    page.goto(f"/staff/wege/{trail.pk}/abschnitte/")
    assert_accessible(page)
    page.goto("/staff/wege/wegweiser/WW-walddorf-0001/")
    assert_accessible(page)
