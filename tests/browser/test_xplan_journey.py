"""A planner imports the Osdorf48 XPlanArchiv in real Chromium: upload on the staff page, the
job runs in the real worker, the report is shown, the plan page shows the plan with its content
layers and its scan (raster tiles answered), and the public page after publishing. axe-core
checks every page; screenshots are kept in test-artifacts/."""

import re

import pytest

from gis.models import IngestStatus, Layer, LayerKind
from planning.models import Plan, XPlanImportJob
from portal.models import Role

from ..factories import make_authority, make_staff
from ..xplan_import.conftest import box
from .conftest import assert_accessible, keep_screenshot, pass_second_factor, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.shared_data]

OSDORF = "xplanbox__Osdorf48_Test_60__bp60_archive_with_png_pgw.zip"
JOB_URL = re.compile(r".*/staff/xplan/[0-9a-f-]{36}/$")


@pytest.fixture
def hamburg():
    return make_authority(name="Freie und Hansestadt Hamburg", slug="hamburg", kind="state",
                          ags="02000000", jurisdiction=box(550_000, 5_930_000, 565_000, 5_945_000))


@pytest.fixture
def planner(hamburg):
    return make_staff(hamburg, Role.PLANNER, "planerin", first_name="Petra", last_name="Planer")


@pytest.fixture
def run_worker():
    from django.core.management import call_command

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                     "--verbosity", "0")

    return run


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page, username)
    page.wait_for_url("**/staff/")


def raster_tiles(page, layer: Layer) -> list[int]:
    """Status codes of the raster tile responses of `layer` seen so far on this page."""
    return [status for url, status in page.tile_responses if f"/tiles/layers/{layer.uid}/" in url]


def watch_tiles(page) -> None:
    """Record tile responses from now on (one listener per page, however often called)."""
    first = not hasattr(page, "tile_responses")
    page.tile_responses = []
    if first:
        page.on("response", lambda r: ("/tiles/layers/" in r.url or "/tiles/layersets/" in r.url)
                and page.tile_responses.append((r.url, r.status)))


def assert_one_vector_request_per_tile_position(page) -> None:
    """All vector layers come from one tile source: one .pbf request per z/x/y."""
    vector = [url for url, _status in page.tile_responses if ".pbf" in url]
    assert vector and all("/tiles/layersets/" in url for url in vector), vector[:3]
    positions = [url.split("/tiles/layersets/")[1].split(".pbf")[0] for url in vector]
    assert len(positions) == len(set(positions)), sorted(positions)


def wait_for_scan(page, layer: Layer) -> None:
    page.wait_for_selector(".portal-map[data-map-ready]")
    wait_until(
        page,
        "uid => [...document.querySelectorAll('.portal-map img.leaflet-tile-loaded')]"
        ".some(img => img.src.includes('/tiles/layers/' + uid + '/'))",
        arg=str(layer.uid), timeout=30_000,
    )
    page.wait_for_load_state("networkidle")


def test_planner_imports_an_xplanarchiv_and_sees_it_on_the_map(
        page, hamburg, planner, shared_data, artifacts_dir, run_worker):
    watch_tiles(page)
    sign_in(page, "planerin")
    page.goto("/staff/plaene/")
    page.click("#import-xplan")
    page.wait_for_url("**/staff/xplan/")
    keep_screenshot(page, artifacts_dir, "xplan-upload")
    assert_accessible(page)

    # Upload: the request only stores the file and queues the job.
    assert page.input_value("#id_authority") == str(hamburg.pk)
    page.set_input_files("#id_file", str(shared_data / "xplan" / OSDORF))
    page.click("#xplan-submit")
    page.wait_for_url(JOB_URL)
    job = XPlanImportJob.objects.get()
    assert job.status == "queued" and not Plan.objects.exists()
    assert page.locator("[data-layer-status=queued]").count() == 1
    assert page.locator("#layer-status-live[role=status]").count() == 1
    assert page.locator("#job-reload").count() == 1
    assert page.locator(".messages .message--success").count() == 1
    keep_screenshot(page, artifacts_dir, "xplan-job-queued")
    assert_accessible(page)

    # The page follows the job by itself and announces changes in its live region (a stand-in
    # UPDATE: the worker must not share SpatiaLite's in-memory connection with the live server).
    XPlanImportJob.objects.filter(pk=job.pk).update(status="running")
    page.wait_for_selector("[data-layer-status=running]", timeout=15_000)
    assert page.locator("#layer-status-live").inner_text()
    page.goto("about:blank")
    XPlanImportJob.objects.filter(pk=job.pk).update(status="queued")

    # The real worker imports the archive and converts its scan to a COG.
    run_worker()
    job.refresh_from_db()
    assert job.status == "done", job.report
    plan = Plan.objects.get()
    scan = Layer.objects.get(plan_link__plan=plan, kind=LayerKind.RASTER)
    assert scan.status == IngestStatus.DONE, scan.status_message

    # The report and the link to the plan.
    page.goto(f"/staff/xplan/{job.uid}/")
    assert page.locator("[data-layer-status=done]").count() == 1
    assert page.locator("#report-plans tbody tr").count() == 1
    assert "Osdorf48_Testplan_60_SoapUI-XPlanDienste" in page.locator("#imported-plans").inner_text()
    assert page.locator("#report-errors").count() == 0
    keep_screenshot(page, artifacts_dir, "xplan-job-report")
    assert_accessible(page)

    # The staff plan page: facts, layers (all processed) and the scan on the map.
    page.click("#imported-plans a")
    page.wait_for_url(f"**/staff/plaene/{plan.uid}/")
    wait_for_scan(page, scan)
    rows = page.locator("#layer-table tbody tr")
    assert rows.count() == plan.plan_layers.count() >= 10
    assert page.locator("#layer-table [data-layer-status=done]").count() == rows.count()
    assert 200 in raster_tiles(page, scan)
    assert all(status in (200, 204, 304) for _url, status in page.tile_responses)
    assert_one_vector_request_per_tile_position(page)
    # Layers have human titles and the map a legend generated from their styles.
    assert "BP_" not in page.locator("#layer-table").inner_text()
    assert page.locator(".map-legend__entry").count() >= 5
    keep_screenshot(page, artifacts_dir, "xplan-staff-plan")
    assert_accessible(page)

    # Publish; the public page shows the plan, its layers and its scan, and offers XPlanGML.
    page.click("#publish-button")
    page.wait_for_selector("#unpublish-button")
    page.click("#public-page")
    page.wait_for_url(f"**/hamburg/plaene/{plan.uid}/")
    page.wait_for_load_state("networkidle")  # tiles of the first load are not counted
    watch_tiles(page)
    page.reload()
    wait_for_scan(page, scan)
    assert page.locator("h1").inner_text().startswith("Osdorf48_Testplan_60_SoapUI-XPlanDienste")
    assert page.locator("#plan-map-layers input[type=checkbox]").count() == plan.plan_layers.count()
    assert 200 in raster_tiles(page, scan)
    assert all(status in (200, 204, 304) for _url, status in page.tile_responses)
    assert_one_vector_request_per_tile_position(page)
    # A hidden layer is loaded only when switched on, still with one request per position.
    hidden = page.locator("#plan-map-layers input[type=checkbox]:not(:checked)").first
    if hidden.count():
        page.tile_responses.clear()
        with page.expect_response(lambda r: "/tiles/layersets/" in r.url):
            hidden.check()
        settled = -1
        while settled != len(page.tile_responses):  # until no further tile arrives
            settled = len(page.tile_responses)
            page.wait_for_timeout(400)
        assert_one_vector_request_per_tile_position(page)
    download = page.request.get(page.get_attribute("#xplan-downloads a", "href"))
    assert download.status == 200 and b"Osdorf48" in download.body()
    keep_screenshot(page, artifacts_dir, "xplan-public-plan")
    assert_accessible(page)
    assert page.errors == []
