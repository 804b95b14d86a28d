"""Real Chromium (Debian's package) driven by Playwright, with axe-core from npm.

Every page runs under the portal's enforced Content-Security-Policy; a violation reported by
Chromium (securitypolicyviolation event, or a "Refused to ..." console message) fails the
journey: assert_accessible checks after each page, the page fixture once more at the end.
"""

import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Served by the live server like any other static file, so the CSP (script-src 'self') allows it.
AXE_URL = "/static/vendor/axe-core/axe.min.js"
#: Installed before any script of the page runs; reports each violation to Python.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolationCount = (window.__cspViolationCount || 0) + 1;
  window.__portalCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
}, true);
"""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium package is not installed (scripts/install-system.sh installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh German browser page on the live server; requests elsewhere are blocked."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE",
                                  viewport={"width": 1280, "height": 900})
    live_host = urlparse(live_server.url).netloc

    def only_local(route):
        if urlparse(route.request.url).netloc == live_host:
            return route.continue_()
        return route.abort()

    context.route("**/*", only_local)
    violations = []
    context.expose_function("__portalCspViolation", lambda text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.errors = []
    page.csp_violations = violations
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("console", lambda msg: _is_csp_message(msg.text) and violations.append(msg.text))
    yield page
    # Let requests in flight (tiles) finish before the test database is flushed: SQLite's
    # shared in-memory database is locked while the live server still reads from it.
    try:
        page.wait_for_load_state("networkidle", timeout=10_000)
        assert_no_csp_violations(page)
        page.goto("about:blank")
    finally:
        context.close()


def _is_csp_message(text: str) -> bool:
    return text.startswith("Refused to") and "Content Security Policy" in text


def assert_no_csp_violations(page):
    assert page.csp_violations == [], "CSP violations:\n" + "\n".join(page.csp_violations)


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page; return its violations (id, impact, nodes)."""
    if not AXE_SCRIPT.exists():
        pytest.fail("axe-core is missing: run scripts/install-npm.sh")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )


def assert_accessible(page):
    """axe-clean at the journey's size and on a phone, no horizontal scrolling on a phone, and
    no German interface words on an English page (page_checks.py)."""
    from .page_checks import german_on_english_page, phone_problems

    assert_no_csp_violations(page)
    violations = axe_violations(page)
    assert violations == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in violations
    )
    problems = phone_problems(page, axe_violations)
    assert not problems, "\n".join(problems)
    assert german_on_english_page(page) == [], f"German words on the English page {page.url}"


def keep_screenshot(page, artifacts_dir: Path, name: str) -> Path:
    path = artifacts_dir / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_until(page, expression: str, arg=None, timeout: float = 30_000) -> None:
    """Wait until a JavaScript expression is true in the page.

    Playwright's own page.wait_for_function evaluates its predicate with eval() once it has to
    poll, which the portal's CSP (no 'unsafe-eval') blocks: this polls page.evaluate instead.
    """
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(100)


def map_point(page, lat: float, lon: float, zoom: int | None = None) -> dict:
    """Where a place lies on the page's map, as a click position within the map element.

    The map first takes its current size: assert_accessible resizes the viewport to a phone
    and back, and Leaflet notices a resize only on a later animation frame, which would move
    the map under a click computed before it. With zoom, the map is centred on the place.
    """
    point = page.evaluate(
        """async ([lat, lon, zoom]) => {
            await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
            const map = document.querySelector('.portal-map').portalMap;
            map.invalidateSize({pan: false});
            if (zoom !== null) map.setView([lat, lon], zoom, {animate: false});
            const p = map.latLngToContainerPoint([lat, lon]);
            return {x: p.x, y: p.y};
        }""",
        [lat, lon, zoom],
    )
    return point


def pass_second_factor(page, username: str | None = None, timeout: float = 30_000) -> None:
    """The second step of a staff sign-in, after the password form was sent: set up TOTP with
    a code computed from the key the page shows (then on past the recovery codes), or, for an
    account that has TOTP already (`username`), enter its current code
    (portal/staff_session.py, docs/accounts.md "Staff accounts")."""
    import re

    from tests.factories import totp_code

    page.wait_for_url(re.compile(r"/accounts/zweiter-faktor/"), timeout=timeout)
    if "/einrichten/" in page.url:
        secret = page.locator("#totp-secret").get_attribute("data-secret")
        page.fill("#id_code", totp_code(secret))
        page.click("#totp-setup-form button[type=submit]")
        page.wait_for_selector("#continue-link, #error-summary")
        if page.locator("#error-summary").count():
            raise AssertionError("the computed code was refused: " + page.locator(
                "#error-summary").inner_text())
        page.click("#continue-link")
        return
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    assert username, "this account has TOTP already: name it to compute its code"
    authenticator = Authenticator.objects.get(user__username=username, type="totp")
    page.fill("#id_code", totp_code(decrypt(authenticator.data["secret"])))
    page.click("#second-factor-form button[type=submit]")
