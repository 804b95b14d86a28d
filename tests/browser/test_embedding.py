"""Embedding in real Chromium: a host page on another origin (https://host.test, served by
Playwright) includes the loader and a frame of the portal. Cookies never reach the portal
(stripped both ways), as in a browser that blocks third-party cookies. The frame grows to its
content through postMessage, a statement and an incident report are accepted with their
signed form tokens, an origin not on the authority's list is refused by the browser, and the
embedded pages and the staff snippet page are axe-clean."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from fixtures.demo import DEMO_PASSWORD, load_demo_data
from participation.incidents.models import IncidentReport
from planning.models import Statement
from portal.models import Authority

from .conftest import assert_accessible, pass_second_factor, wait_until

pytestmark = pytest.mark.django_db(transaction=True)
HOST = "https://host.test"
EVIL = "https://evil.test"


@pytest.fixture
def demo():
    data = load_demo_data()
    Authority.objects.filter(slug="musterstadt").update(embed_origins=HOST)
    return data


def muehlbach(demo):
    return next(p for p in demo["plans"] if p.number == "MS-12")


def host_html(portal: str, path: str) -> str:
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Rathaus</title>'
        '</head><body><main><h1>Rathaus Musterstadt</h1>'
        f'<iframe src="{portal}{path}" title="Beteiligung" data-beteiligungsportal '
        'width="100%" height="200"></iframe></main>'
        f'<script src="{portal}/static/portal/js/embed.js" defer></script></body></html>')


@pytest.fixture
def host(browser, live_server):
    """A page factory: open(path, origin) shows a host page on `origin` framing `path`."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1100, "height": 800})
    live_host = urlparse(live_server.url).netloc
    seen_cookies = []
    pages = {}

    def handle(route):
        url = urlparse(route.request.url)
        if f"{url.scheme}://{url.netloc}" in (HOST, EVIL):
            return route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                 body=pages.get(url.netloc, ""))
        if url.netloc != live_host:
            return route.abort()
        headers = {k: v for k, v in route.request.headers.items() if k.lower() != "cookie"}
        if "cookie" in {k.lower() for k in route.request.headers}:
            seen_cookies.append(route.request.url)
        context.clear_cookies()
        response = route.fetch(headers=headers, max_redirects=0)  # the browser follows them
        kept = {k: v for k, v in response.headers.items() if k.lower() != "set-cookie"}
        return route.fulfill(response=response, headers=kept)

    context.route("**/*", handle)
    page = context.new_page()
    messages = []
    page.on("console", lambda msg: messages.append(msg.text))

    def open_host(path, origin=HOST):
        pages[urlparse(origin).netloc] = host_html(live_server.url, path)
        page.goto(origin + "/")
        return page

    open_host.page = page
    open_host.messages = messages
    open_host.seen_cookies = seen_cookies
    yield open_host
    try:
        page.wait_for_load_state("networkidle", timeout=10_000)
    finally:
        context.close()


def frame_height(page) -> float:
    return page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")


def portal_frame(page):
    return next(f for f in page.frames if "/einbetten/" in f.url)


def _wait_for_frame_url(page, part: str, timeout: float = 30.0) -> None:
    for _ in range(int(timeout * 10)):
        if part in portal_frame(page).url:
            return
        page.wait_for_timeout(100)
    text = portal_frame(page).locator("main").inner_text()[:1500]
    raise AssertionError(f"the frame did not reach {part}: {portal_frame(page).url}\n{text}")


def test_statement_in_a_frame_without_cookies(host, demo):
    plan = muehlbach(demo)
    page = host(f"/einbetten/musterstadt/plaene/{plan.uid}/stellungnahme/")
    wait_until(page, "document.querySelector('iframe').style.height !== ''")
    grown = frame_height(page)
    assert grown > 600  # the long form, no longer the snippet's 200 px
    frame = portal_frame(page)
    assert f"eltern={HOST.replace(':', '%3A').replace('/', '%2F')}" in frame.url
    inner = page.frame_locator("iframe")
    inner.locator("#id_text").fill("Bitte den Uferstreifen am Mühlbach freihalten.")
    inner.locator("input[name=anonymous][value=yes]").check()
    inner.locator("#id_privacy_accepted").check()
    page.wait_for_timeout(3100)  # the form's time trap
    inner.locator("button.primary").click()
    _wait_for_frame_url(page, "beleg=")  # the receipt, opened by its signed grant
    expect(inner.locator(".reference")).to_be_visible()
    reference = inner.locator(".reference").inner_text()
    assert Statement.objects.filter(reference=reference, plan=plan).count() == 1
    # The receipt is shorter than the form: the frame follows it.
    wait_until(page, "Math.abs(document.querySelector('iframe').getBoundingClientRect().height"
                     f" - {grown}) > 50")
    assert host.seen_cookies == []


def test_incident_report_in_a_frame_without_cookies(host, demo):
    town = IncidentReport.objects.filter(authority__slug="musterstadt").first()
    from django.contrib.gis.geos import Point

    centre = Point(*town.location.coords, srid=town.location.srid).transform(4326, clone=True)
    page = host("/einbetten/musterstadt/meldungen/neu/")
    wait_until(page, "document.querySelector('iframe').style.height !== ''")
    inner = page.frame_locator("iframe")
    inner.locator("#id_category").select_option(index=1)
    inner.locator("#id_latitude").fill(f"{centre.y:.6f}")
    inner.locator("#id_longitude").fill(f"{centre.x:.6f}")
    inner.locator("#id_address").fill("Marktplatz 1")
    inner.locator("#id_description").fill("Laterne flackert im Rahmen.")
    inner.locator("#id_privacy").check()
    inner.locator("#report-submit").click()
    page.wait_for_load_state("networkidle")
    if "eingang" not in portal_frame(page).url and inner.locator("#id_confirm_new").count():
        inner.locator("#id_confirm_new").check()  # open reports nearby: a new one anyway
        inner.locator("#report-submit").click()
    _wait_for_frame_url(page, "/einbetten/musterstadt/meldungen/eingang/")
    expect(inner.locator("strong", has_text="EM-")).to_be_visible()
    assert IncidentReport.objects.filter(description="Laterne flackert im Rahmen.").count() == 1
    assert host.seen_cookies == []


def test_origin_not_on_the_list_is_refused_by_the_browser(host, demo):
    page = host("/einbetten/musterstadt/", origin=EVIL)
    page.wait_for_timeout(1500)
    assert not any("/einbetten/" in f.url for f in page.frames[1:])
    assert any("frame-ancestors" in text for text in host.messages)
    assert page.evaluate("document.querySelector('iframe').style.height") == ""  # not resized


def test_loader_ignores_messages_from_elsewhere(host, demo):
    page = host("/einbetten/musterstadt/")
    wait_until(page, "document.querySelector('iframe').style.height !== ''")
    before = frame_height(page)
    # The host page itself (another origin than the portal) posts a forged height.
    page.evaluate("window.postMessage({type: 'beteiligungsportal:height', height: 9999}, '*')")
    page.wait_for_timeout(300)
    assert frame_height(page) == before


def test_embedded_pages_are_accessible(page, demo):
    plan = muehlbach(demo)
    for path in ("/einbetten/musterstadt/", f"/einbetten/musterstadt/plaene/{plan.uid}/",
                 f"/einbetten/musterstadt/plaene/{plan.uid}/stellungnahme/",
                 "/einbetten/musterstadt/karte/", "/einbetten/musterstadt/meldungen/neu/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.locator(".site-header").count() == 0, path
        assert page.locator(".embed-header").count() == 1, path
        assert_accessible(page)


def test_staff_snippet_page_copy_and_preview(page, demo):
    page.goto("/accounts/login/")
    page.fill("#id_username", "verwaltung")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    pk = Authority.objects.get(slug="musterstadt").pk
    page.goto(f"/staff/authorities/{pk}/einbetten/")
    assert_accessible(page)
    # Keyboard: focus the first copy button and press Enter.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("button.copy-snippet").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#copy-status")).to_have_text(re.compile("kopiert"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "data-beteiligungsportal" in copied and "/einbetten/musterstadt/" in copied
    # The live preview is resized by the loader like on the authority's website.
    wait_until(page, "document.querySelector('.embed-preview iframe').style.height !== ''")



def test_links_stay_in_the_frame_and_others_open_a_new_window(host, demo):
    plan = muehlbach(demo)
    page = host(f"/einbetten/musterstadt/plaene/{plan.uid}/")
    wait_until(page, "document.querySelector('iframe').style.height !== ''")
    inner = page.frame_locator("iframe")
    assert inner.locator(".embed-header__open").get_attribute("target") == "_blank"
    inner.locator("a", has_text="Stellungnahme abgeben").first.click()
    _wait_for_frame_url(page, f"/einbetten/musterstadt/plaene/{plan.uid}/stellungnahme/")
    assert "eltern=" in portal_frame(page).url
    assert inner.locator("#id_text").count() == 1
