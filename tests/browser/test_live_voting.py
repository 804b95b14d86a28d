"""Live voting in Chromium: a participant joins on a phone by typing the code and votes with
the keyboard alone; 30 more phones vote over HTTP (requests against the live server); the
projector view, open in a second page, shows the new counts within the 2 s the feature
promises (polled, no fixed sleeps). Join page, voting page and projector are axe-clean."""

import re
from urllib.parse import urlparse

import pytest
import requests

from participation.livevoting import services
from participation.livevoting.models import QuestionType
from portal.models import Role
from tests.factories import make_authority, make_staff
from tests.livevoting.world import make_session, question

from .conftest import (
    CSP_LISTENER,
    _is_csp_message,
    assert_accessible,
    pass_second_factor,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)
PROMISE_MS = 2_000
PHONES = 30


@pytest.fixture
def meeting():
    authority = make_authority(name="Radstadt", slug="radstadt", enabled_modules=["livevoting"])
    moderator = make_staff(authority, Role.MODERATOR, username="moderation")
    return make_session(authority, title="Bürgerversammlung"), moderator


def _watched(context, page):
    """A further page with the CSP and error listeners of conftest's page fixture."""
    page.errors = []
    page.csp_violations = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: _is_csp_message(msg.text) and page.csp_violations.append(
        msg.text))
    return page


def _phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="de-DE",
                                  viewport={"width": 390, "height": 844})
    host = urlparse(live_server.url).netloc
    context.route("**/*", lambda route: route.continue_()
                  if urlparse(route.request.url).netloc == host else route.abort())
    violations = []
    context.expose_function("__portalCspViolation", lambda text: violations.append(text))
    context.add_init_script(CSP_LISTENER)
    page = _watched(context, context.new_page())
    page.csp_violations = violations
    return context, page


def _tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _i in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)",
                         selector):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")


def _vote_over_http(base_url: str, code: str, question_pk: int, choice: str) -> None:
    """One phone: its own cookies (device token, CSRF), the form's token, one POST."""
    with requests.Session() as phone:
        url = f"{base_url}/abstimmen/{code}/"
        page = phone.get(url, timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        answer = phone.post(url, data={"csrfmiddlewaretoken": token, "question": question_pk,
                                       "choice": choice}, timeout=10, allow_redirects=False)
        assert answer.status_code == 302, answer.text[:500]


def test_phones_vote_and_the_projector_follows_within_two_seconds(page, browser, live_server,
                                                                  meeting):
    session, moderator = meeting
    single = question(session, QuestionType.SINGLE)
    # The moderator opens the first question and puts the projector view on the beamer.
    _sign_in(page, moderator.username)
    page.goto(f"/staff/live-abstimmungen/{session.uid}/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("tr", has_text=single.text).get_by_role("button", name="Öffnen").click()
    assert page.get_by_text("zur Abstimmung offen").count() == 1
    projector = _watched(page.context, page.context.new_page())
    projector.csp_violations = page.csp_violations
    projector.goto(f"/staff/live-abstimmungen/{session.uid}/projektion/")
    wait_until(projector, "document.getElementById('projector-question').textContent"
                          ".includes('autofrei')", timeout=PROMISE_MS)
    assert projector.locator(".livevoting-qr-big svg").count() == 1
    assert_accessible(projector)
    _tab_to(projector, "a[href$='/staff/live-abstimmungen/" + str(session.uid) + "/']")

    # A participant on a phone types the code on the join page and votes, keyboard only.
    context, phone = _phone(browser, live_server)
    try:
        phone.goto("/abstimmen/")
        assert_accessible(phone)
        _tab_to(phone, "#id_code")
        phone.keyboard.type(session.code.lower())
        phone.keyboard.press("Enter")
        phone.wait_for_url(f"**/abstimmen/{session.code}/")
        assert_accessible(phone)
        _tab_to(phone, "#choice-0")
        phone.keyboard.press("ArrowDown")  # radio group: moves to and selects "Nein"
        assert phone.is_checked("#choice-1")
        _tab_to(phone, ".livevoting-form button[type=submit]")
        phone.keyboard.press("Enter")
        phone.wait_for_selector("#dank")
        assert_accessible(phone)
        wait_until(projector, "document.getElementById('projector-total').dataset.total === '1'",
                   timeout=PROMISE_MS)
        # 30 more phones over HTTP: 10 for each answer.
        for number in range(PHONES):
            _vote_over_http(live_server.url, session.code, single.pk, str(number % 3))
        wait_until(projector, "document.getElementById('projector-total').dataset.total === "
                              f"'{PHONES + 1}'", timeout=PROMISE_MS)
        counts = projector.eval_on_selector_all(
            ".livevoting-bars__count", "nodes => nodes.map(n => n.dataset.count)")
        assert counts == ["10", "11", "10"]
        # The moderator opens the next question: the phone shows it by itself.
        services.open_question(question(session, QuestionType.SCALE))
        phone.wait_for_selector("#frage", timeout=10_000)
        assert "Wie zufrieden sind Sie?" in phone.inner_text("main")
        assert_accessible(phone)
        wait_until(projector, "document.getElementById('projector-question').textContent"
                              ".includes('zufrieden')", timeout=PROMISE_MS)
        assert phone.errors == [] and projector.errors == []
    finally:
        context.close()
    projector.close()


def test_moderator_hides_an_offensive_word_and_publishes(page, live_server, meeting):
    session, moderator = meeting
    words = question(session, QuestionType.WORDS)
    services.open_question(words)
    for text in ("Bäume", "bäume", "Brunnen", "Blödmann"):
        with requests.Session() as phone:
            url = f"{live_server.url}/abstimmen/{session.code}/"
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                              phone.get(url, timeout=10).text).group(1)
            assert phone.post(url, data={"csrfmiddlewaretoken": token, "question": words.pk,
                                         "text": text}, timeout=10,
                              allow_redirects=False).status_code == 302
    _sign_in(page, moderator.username)
    projector = _watched(page.context, page.context.new_page())
    projector.csp_violations = page.csp_violations
    projector.goto(f"/staff/live-abstimmungen/{session.uid}/projektion/")
    wait_until(projector, "[...document.querySelectorAll('.livevoting-cloud__word')]"
                          ".map(n => n.textContent).join('|') === 'Bäume|Blödmann|Brunnen'",
               timeout=PROMISE_MS)
    assert_accessible(projector)
    # The moderator hides the offensive answer with the keyboard.
    page.goto(f"/staff/live-abstimmungen/{session.uid}/fragen/{words.pk}/")
    assert_accessible(page)
    row = page.locator("tr", has_text="Blödmann")
    row.get_by_role("button", name="Ausblenden").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("tr", has_text="Blödmann").get_by_role("button", name="Wieder anzeigen"
                                                               ).count() == 1
    wait_until(projector, "[...document.querySelectorAll('.livevoting-cloud__word')]"
                          ".map(n => n.textContent).join('|') === 'Bäume|Brunnen'",
               timeout=PROMISE_MS)
    # Closed and published: the public page shows the cloud without the hidden answer.
    services.close_question(words)
    services.publish_results(session, True)
    page.goto(f"/radstadt/live-abstimmungen/{session.uid}/")
    assert_accessible(page)
    text = page.inner_text("main")
    assert "Bäume" in text and "Brunnen" in text and "Blödmann" not in text
    projector.close()
