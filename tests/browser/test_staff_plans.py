"""A planner's journey in real Chromium: create a plan, upload its Geltungsbereich and a PDF,
schedule the §3(2) publication, publish, and find the plan on its public page. axe-core checks
every staff page on the way; screenshots are kept in test-artifacts/."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gis.models import IngestStatus, Layer
from planning.models import Plan, PlanDocument
from planning.services.plans import create_plan
from portal.models import Phase, Role

from ..factories import make_authority, make_staff, square
from ..planning.test_staff_support import feature_collection, minimal_pdf
from .conftest import assert_accessible, keep_screenshot, pass_second_factor, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

# Near Dresden in the storage SRID (UTM 32): the town and a plan well inside it.
TOWN_AREA = square(815_000, 5_650_000, 12_000)
PLAN_AREA = square(820_000, 5_655_000, 500)
PLAN_URL = re.compile(r".*/staff/plaene/[0-9a-f-]{36}/(#.*)?$")


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=TOWN_AREA)


@pytest.fixture
def planner(town):
    return make_staff(town, Role.PLANNER, "planerin", first_name="Petra", last_name="Planer")


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page, username)
    page.wait_for_url("**/staff/")


def test_planner_creates_uploads_schedules_and_publishes(page, town, planner, artifacts_dir,
                                                         tmp_path):
    sign_in(page, "planerin")
    page.click("#staff-plans-link")
    page.wait_for_url("**/staff/plaene/")
    keep_screenshot(page, artifacts_dir, "staff-plans-list-empty")
    assert_accessible(page)

    # Create the plan; the Geltungsbereich comes as a GeoJSON file (the non-map way).
    page.click(f"#new-plan-{town.pk}")
    page.wait_for_url("**/staff/plaene/neu/**")
    page.wait_for_selector("#id_area-map[data-map-ready]")
    keep_screenshot(page, artifacts_dir, "staff-plan-create")
    assert_accessible(page)
    geojson = tmp_path / "geltungsbereich.geojson"
    geojson.write_bytes(feature_collection(PLAN_AREA))
    page.fill("#id_name", "Am Mühlgraben")
    page.fill("#id_number", "B-12")
    page.check("#id_plan_art_bp_0")
    page.select_option("#id_legal_status", "2400")
    page.select_option("#id_procedure_kind", "baugb_regular")
    page.set_input_files("#id_area_file", str(geojson))
    page.click("#plan-form button[type=submit]")
    page.wait_for_url(PLAN_URL)
    plan = Plan.objects.get(name="Am Mühlgraben")
    assert plan.authority == town and plan.area is not None
    assert abs(plan.area.area - PLAN_AREA.area) < 1
    page.wait_for_selector("#staff-plan-map[data-map-ready]")
    assert page.locator(".messages .message--success").count() == 1
    assert page.locator("#jurisdiction-warning").count() == 0
    assert_accessible(page)

    # A fake PDF is refused: the error summary gets the focus and links to the field.
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"<html>no PDF</html>")
    page.set_input_files("#id_document-file", str(fake))
    page.click("#document-submit")
    page.wait_for_selector("#error-summary")
    wait_until(page, "document.activeElement && document.activeElement.id === 'error-summary'")
    assert page.locator("#error-summary a[href='#id_document-file']").count() == 1
    assert page.get_attribute("#id_document-file", "aria-invalid") == "true"
    assert not PlanDocument.objects.exists()
    keep_screenshot(page, artifacts_dir, "staff-plan-document-error")
    assert_accessible(page)

    # Upload a PDF document.
    pdf = tmp_path / "begruendung.pdf"
    pdf.write_bytes(minimal_pdf())
    page.select_option("#id_document-kind", "1010")
    page.fill("#id_document-title", "Begründung")
    page.set_input_files("#id_document-file", str(pdf))
    page.click("#document-submit")
    page.wait_for_url("**#documents")
    assert page.locator("#document-table tbody tr").count() == 1
    document = PlanDocument.objects.get(plan=plan)
    assert page.locator("#document-table code.checksum").inner_text() == document.sha256
    assert_accessible(page)

    # Schedule the §3(2) publication: open from today for 35 days.
    today = timezone.localdate()
    page.select_option("#id_phase-kind", "baugb_3_2")
    page.fill("#id_phase-start_date", today.isoformat())
    page.fill("#id_phase-end_date", (today + timedelta(days=34)).isoformat())
    page.fill("#id_phase-announcement_date", (today - timedelta(days=7)).isoformat())
    page.fill("#id_phase-announcement_text", "Der Entwurf liegt vom ... bis ... aus.")
    page.click("#phase-form-submit")
    page.wait_for_url("**#phases")
    assert page.locator("#phase-table [data-phase-state=open]").count() == 1
    assert Phase.objects.get(procedure=plan.procedure).kind == "baugb_3_2"
    assert_accessible(page)

    # Publish.
    page.click("#publish-button")
    page.wait_for_selector("#unpublish-button")
    plan.refresh_from_db()
    assert plan.is_published
    keep_screenshot(page, artifacts_dir, "staff-plan-detail")
    assert_accessible(page)

    # The list shows it as published.
    page.goto("/staff/plaene/")
    assert page.locator(".staff-plans .badge--published").count() == 1
    assert_accessible(page)

    # The public page shows plan, document and the open phase.
    page.goto(f"/staff/plaene/{plan.uid}/")
    page.click("#public-page")
    page.wait_for_url(f"**/musterstadt/plaene/{plan.uid}/")
    assert page.locator("h1").inner_text().startswith("Am Mühlgraben")
    document_url = f"/musterstadt/plaene/{plan.uid}/dokumente/{document.uid}/"
    assert page.locator(f"a[href='{document_url}']").inner_text() == "Begründung"
    assert page.locator(".timeline__item--open").count() == 1
    keep_screenshot(page, artifacts_dir, "staff-plan-public-page")
    assert_accessible(page)
    assert page.errors == []


def test_planner_draws_the_area_and_watches_a_layer_being_processed(page, town, planner,
                                                                    artifacts_dir, tmp_path):
    plan = create_plan(authority=town, name="Zeichenplan")
    sign_in(page, "planerin")
    page.goto(f"/staff/plaene/{plan.uid}/bearbeiten/")
    page.wait_for_selector("#id_area-map[data-map-ready]")

    # The keyboard way: open the coordinates, type GeoJSON. A wrong text is refused clearly.
    page.focus(".area-editor__details summary")
    page.keyboard.press("Enter")
    page.focus("#id_area")
    page.keyboard.type('{"type": "Point", "coordinates": [13.7, 51.0]}')
    page.click("#plan-form button[type=submit]")
    page.wait_for_selector("#error-summary a[href='#id_area']")
    assert page.get_attribute(".area-editor__details", "open") is not None
    assert page.get_attribute("#id_area", "aria-invalid") == "true"
    plan.refresh_from_db()
    assert plan.area is None
    keep_screenshot(page, artifacts_dir, "staff-plan-area-error")
    assert_accessible(page)
    page.fill("#id_area", "")
    page.wait_for_selector("#id_area-map[data-map-ready]")
    # The map is labelled and the drawing tools are reachable with the keyboard.
    assert page.get_attribute("#id_area-map", "aria-label")
    tool = page.locator(".leaflet-draw-draw-polygon")
    tool.focus()
    assert page.evaluate("document.activeElement.classList.contains('leaflet-draw-draw-polygon')")

    page.locator("#id_area-map").scroll_into_view_if_needed()
    box = page.locator("#id_area-map").bounding_box()
    corners = [(0.4, 0.4), (0.6, 0.4), (0.6, 0.6), (0.4, 0.6)]
    tool.click()
    for fx, fy in corners:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
        page.wait_for_timeout(150)
    page.mouse.click(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.4)
    wait_until(page, "document.getElementById('id_area').value.length > 0")
    drawn = json.loads(page.input_value("#id_area"))
    assert drawn["type"] == "MultiPolygon" and len(drawn["coordinates"]) == 1
    assert page.locator("#id_area-status").inner_text()
    keep_screenshot(page, artifacts_dir, "staff-plan-draw")
    assert_accessible(page)
    page.click("#plan-form button[type=submit]")
    page.wait_for_url(PLAN_URL)
    plan.refresh_from_db()
    assert plan.area is not None and plan.area.area > 0
    assert plan.area.intersects(TOWN_AREA)

    # Upload a vector layer: its status updates itself without reloading the page.
    vector = tmp_path / "festsetzungen.geojson"
    vector.write_bytes(feature_collection(square(820_000, 5_655_000, 100)))
    page.fill("#id_vector-name", "Festsetzungen")
    page.set_input_files("#id_vector-file", str(vector))
    page.click("#vector-submit")
    page.wait_for_url("**#layers")
    assert page.locator("[data-layer-status=queued]").count() == 1
    assert page.locator("#layer-status-fallback a").count() == 1
    assert_accessible(page)
    # Stand-in for the worker (the worker itself is tested in tests/planning/test_staff_layers.py;
    # here one UPDATE avoids sharing SpatiaLite's in-memory connection with a running worker).
    Layer.objects.filter(plan_link__plan=plan).update(status=IngestStatus.FAILED,
                                                      status_message="Die Datei ist kaputt.")
    page.wait_for_selector("[data-layer-status=failed]", timeout=15_000)
    assert "Die Datei ist kaputt." in page.locator("[data-layer-details]").inner_text()
    assert "Festsetzungen" in page.locator("#layer-status-live").inner_text()
    assert page.locator("#layer-status-fallback [data-finished-text]").is_visible()
    keep_screenshot(page, artifacts_dir, "staff-plan-layer-status")
    assert_accessible(page)
    assert page.errors == []
