"""Dialogues in real Chromium: a guest finds the demo dialogue on the authority page, comments
with the keyboard alone (no map) and rates a comment; a moderator hides a comment with a public
reason. axe-clean and CSP-clean throughout."""

import re

import pytest
from playwright.sync_api import expect

from fixtures.demo import load_demo_data
from participation.dialogues.models import Comment, CommentStatus, Rating

from .conftest import assert_accessible, pass_second_factor, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

@pytest.fixture
def demo():
    return load_demo_data()


def _sign_in(page, username, password):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    pass_second_factor(page, username)
    page.wait_for_url("**/staff/")


def test_citizen_comments_replies_rates_and_moderator_hides(page, demo):
    page.goto("/musterstadt/")
    page.get_by_role("link", name="Wie soll der neue Marktplatz aussehen?").first.click()
    page.wait_for_selector(".portal-map[data-map-ready=true]")
    assert_accessible(page)
    # A comment pinned to a point on the map.
    page.locator("#dialogue-map").scroll_into_view_if_needed()
    page.click(".leaflet-pm-icon-marker")
    box = page.locator("#dialogue-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.65)
    wait_until(page, "document.getElementById('id_location').value.includes('Point')")
    page.fill("#id_text", "Hier fehlt ein Trinkbrunnen.")
    page.fill("#id_guest_name", "Gerd Gast")
    page.fill("#id_guest_email", "gerd@example.org")
    page.click("main form button[type=submit] >> text=/Kommentar|comment/i")
    expect(page.get_by_role("status")).not_to_be_empty()
    assert Comment.objects.get(text="Hier fehlt ein Trinkbrunnen.").location.geom_type == "Point"
    # A guest comment without a place, with the keyboard: waits for the moderation.
    page.focus("#id_text")
    page.keyboard.type("Mehr Sitzbänke am Brunnen.")
    page.focus("#id_guest_name")
    page.keyboard.type("Gerd Gast")
    page.keyboard.press("Tab")
    page.keyboard.type("gerd@example.org")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).not_to_be_empty()
    assert Comment.objects.get(text="Mehr Sitzbänke am Brunnen.").status == CommentStatus.PENDING
    # Rate the first comment (agree) with the keyboard.
    first = Comment.objects.get(text__startswith="Bitte mehr Bäume")
    page.locator(f"#kommentar-{first.uid} button[value='1']").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"#kommentar-{first.uid}"))
    assert Rating.objects.filter(comment=first, value=1).count() == 1
    assert_accessible(page)

    _sign_in(page, "moderation", demo["password"])
    page.goto("/staff/dialoge/")
    page.get_by_role("link", name=re.compile("Fahrradbügel")).click()
    assert_accessible(page)
    page.select_option("#id_action", "hide")
    page.fill("#id_public_reason", "Doppelter Beitrag")
    page.click("main button[type=submit]")
    expect(page.locator("dd").nth(2)).to_contain_text("Doppelter Beitrag")
    # Block the guest who wrote the pending comment (by the e-mail address), then lift it.
    page.goto("/staff/dialoge/")
    page.get_by_role("link", name=re.compile("Mehr Sitzbänke")).click()
    page.fill("#id_reason", "Wiederholte Werbung")
    page.get_by_role("button", name=re.compile("sperren|Block the author", re.I)).click()
    expect(page.get_by_role("status")).not_to_be_empty()
    page.goto("/staff/dialoge/")
    expect(page.locator("main")).to_contain_text("Wiederholte Werbung")
    assert_accessible(page)
    lift = page.get_by_role("button", name=re.compile("Gerd Gast"))
    lift.focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).not_to_contain_text("Wiederholte Werbung")
