"""A citizen submits a statement in real Chromium: with a drawn polygon and a PDF, and with
the keyboard alone without the map. The receipt e-mail carries the PDF receipt."""

import pytest
from django.core import mail
from django.core.management import call_command

from fixtures.demo import load_demo_data
from fixtures.pdf import simple_pdf
from planning.models import Statement

from .conftest import assert_accessible, keep_screenshot, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    return load_demo_data()


@pytest.fixture
def pdf_file(tmp_path):
    path = tmp_path / "einwendung.pdf"
    path.write_bytes(simple_pdf("Einwendung", ["Der Bach braucht einen Uferstreifen."]))
    return path


def muehlbach(demo):
    return next(p for p in demo["plans"] if p.number == "MS-12")


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v", "0")


def test_draw_a_polygon_attach_a_pdf_and_get_the_receipt(page, demo, pdf_file, artifacts_dir):
    plan = muehlbach(demo)
    page.goto(plan.get_absolute_url())
    page.click("text=Stellungnahme abgeben")
    page.wait_for_selector(".portal-map[data-map-ready=true]")
    assert_accessible(page)
    page.fill("#id_text", "Bitte einen zehn Meter breiten Uferstreifen am Mühlbach freihalten.")
    # Draw a triangle inside the Geltungsbereich with the polygon tool, in the lower half of
    # the map (the tool's action bar sits at the top).
    page.locator("#statement-map").scroll_into_view_if_needed()
    # The drawing buttons speak plainly (not "Marker zeichnen / Polyline zeichnen").
    assert page.locator(".leaflet-pm-toolbar a.leaflet-buttons-control-button").evaluate_all(
        "links => links.map(a => a.getAttribute('aria-label'))") == [
        "Punkt setzen", "Linie zeichnen", "Fläche zeichnen", "Bearbeiten", "Löschen"]
    page.click(".leaflet-pm-icon-polygon")
    box = page.locator("#statement-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.65
    for dx, dy in ((-30, 0), (40, 0), (0, 50)):
        page.mouse.click(cx + dx, cy + dy)
    page.mouse.click(cx - 30, cy)  # close on the first vertex
    wait_until(page, "document.getElementById('id_location').value.includes('Polygon')")
    assert "Fläche" in page.locator("#location-status").inner_text()
    page.set_input_files("#id_attachments", str(pdf_file))
    page.check("input[name=anonymous][value=yes]")
    page.fill("#id_email", "erika@example.org")
    page.check("#id_privacy_accepted")
    page.wait_for_timeout(3100)  # the form's time trap: people do not submit within 3 s
    page.click("button.primary")
    page.wait_for_selector(".reference")
    reference = page.locator(".reference").inner_text()
    statement = Statement.objects.get(reference=reference)
    assert statement.location.geom_type == "Polygon"
    assert statement.location.within(plan.area.buffer(1))
    assert statement.attachments.get().content_type == "application/pdf"
    keep_screenshot(page, artifacts_dir, "statement-receipt")
    assert_accessible(page)
    run_worker()
    receipt = [m for m in mail.outbox if reference in m.subject]
    assert len(receipt) == 1 and receipt[0].to == ["erika@example.org"]
    assert receipt[0].attachments[0][2] == "application/pdf"


def test_keyboard_only_without_the_map(page, demo):
    plan = muehlbach(demo)
    page.goto(plan.get_absolute_url())
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Stellungnahme abgeben":
            break
    else:
        pytest.fail("the statement link is not reachable with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stellungnahme/")

    def tab_to(element_id, limit=80):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == element_id:
                return
        pytest.fail(f"#{element_id} is not reachable with the keyboard")

    tab_to("id_text")
    page.keyboard.type("Die Zufahrt über den Bachweg ist zu schmal.")
    tab_to("id_location_text")
    page.keyboard.type("Bachweg, Höhe Hausnummer 3")
    tab_to("id_anonymous_0")  # a radio group is one tab stop; the arrow keys choose
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#id_anonymous_1")
    tab_to("id_privacy_accepted")
    page.keyboard.press("Space")
    page.wait_for_timeout(3100)
    page.keyboard.press("Shift+Tab")
    tab_to_submit = None
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "primary":
            tab_to_submit = True
            break
    assert tab_to_submit
    page.keyboard.press("Enter")
    page.wait_for_selector(".reference")
    statement = Statement.objects.get(reference=page.locator(".reference").inner_text())
    assert statement.location is None and statement.location_text == "Bachweg, Höhe Hausnummer 3"
    assert statement.is_anonymous
