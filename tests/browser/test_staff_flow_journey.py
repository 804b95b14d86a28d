"""A planner's whole procedure in real Chromium, by clicks only from the portal's start page:
sign in → staff home → plan → layers → phases → statements → weighing one statement after the
other (next/previous) → Abwägungstabelle export → release of the results (a double click sends
nothing twice) → letters → the public result page without personal data.

The only typed URL is the start page. axe-core checks every page at 1280×800 and at 390×844;
the page fixture fails the journey on any CSP violation. Screenshots go to test-artifacts/.
The journey runs in German and in English (language cookie, as chosen with the language form);
in English assert_accessible fails on German interface words (tests/german_words.py).
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core import mail
from django.utils import timezone

from gis.models import IngestStatus, Layer
from planning.models import (
    Decision,
    ExportJob,
    ResultNotification,
    ResultRelease,
    Statement,
)
from planning.services.phases import schedule_phase
from planning.weighing.decisions import consideration_for
from portal.models.membership import Role

from ..factories import make_authority, make_plan, make_staff, square
from ..planning.test_staff_support import feature_collection
from .conftest import assert_accessible, keep_screenshot, pass_second_factor
from .page_checks import english_on_german_page

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
#: The few visible texts the journey asserts on, per interface language.
TEXTS = {
    "de": {"all_decided": "3 von 3", "all_posted": "1 von 1"},
    "en": {"all_decided": "3 of 3", "all_posted": "1 of 1"},
}
PERSONAL = ("Erika", "Mustermann", "Lindenweg", "01067", "erika@example.org",
            "Bruno", "Postweg", "04109", "Leipzig")


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}


@pytest.fixture
def procedure(live_server):
    """A published plan whose §3(2) publication has ended, with three undecided statements."""
    today = timezone.localdate()
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000),
                          contact_email="bauamt@musterstadt.example",
                          contact_address="Markt 1, 01067 Musterstadt")
    plan = make_plan(town, name="Am Mühlbach", number="MS-12",
                     area=square(820_000, 5_655_000, 500))
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=today - timedelta(days=70),
                           end_date=today - timedelta(days=35))
    received = datetime.combine(today - timedelta(days=50), datetime.min.time(), tzinfo=UTC)
    centre = plan.area.centroid
    people = [
        {"name": "Erika Mustermann", "email": "erika@example.org", "street": "Lindenweg 7",
         "postcode": "01067", "city": "Dresden", "location": Point(centre.x, centre.y, srid=25832)},
        {"name": "Bruno Brief", "street": "Postweg 3", "postcode": "04109", "city": "Leipzig"},
        {"is_anonymous": True},
    ]
    statements = [Statement.objects.create(
        authority=town, plan=plan, phase=phase, reference=f"ST-2026-0000{n}", topics=["Verkehr"],
        text=f"Bitte eine Querungshilfe am Bachweg (Nr. {n}).",
        received_at=received + timedelta(hours=n), **fields)
        for n, fields in enumerate(people, start=1)]
    make_staff(town, Role.PLANNER, "planerin", first_name="Petra", last_name="Planer")
    return plan, statements


def check_page(page, artifacts_dir, name: str) -> None:
    """axe-clean at the phone and the desktop size, no sideways scrolling on the phone, no
    untranslated words (German on an English page, English on a German page); a screenshot of
    the desktop view."""
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: {overflow} px of horizontal scrolling on a phone"
    page.set_viewport_size(DESKTOP)
    keep_screenshot(page, artifacts_dir, f"flow-{name}")
    assert_accessible(page)
    assert english_on_german_page(page) == [], f"{name}: English words on the German page"


def decide(page, decision: str, reasoning: str, *, then_next: bool) -> None:
    page.check(f"#decision-form input[name=decision][value={decision}]")
    page.fill("#decision-form textarea[name=reasoning]", reasoning)
    page.click("#save-decision-next" if then_next else "#save-decision")
    page.wait_for_selector(".messages .message--success")


@pytest.mark.parametrize("language", ["de", "en"])
def test_planner_walks_the_procedure_by_clicks(page, live_server, procedure, artifacts_dir,
                                                tmp_path, language):
    plan, (first, second, third) = procedure
    texts = TEXTS[language]
    artifacts_dir = artifacts_dir / language
    artifacts_dir.mkdir(exist_ok=True)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                               "url": live_server.url}])
    page.set_viewport_size(DESKTOP)

    # Sign in from the public start page.
    page.goto("/")
    page.click("header a[href='/accounts/login/']")
    page.fill("#id_username", "planerin")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("#open-administration").count() == 0  # a planner has no admin work
    check_page(page, artifacts_dir, "staff-home")

    # Plan list → plan page.
    page.click("#staff-plans-link")
    page.wait_for_url("**/staff/plaene/")
    page.click(f"main a[href='/staff/plaene/{plan.uid}/']")
    page.wait_for_selector("#staff-plan-map[data-map-ready]")
    tasks = page.locator("#plan-tasks a")
    assert [tasks.nth(i).get_attribute("id") for i in range(tasks.count())] == [
        "task-statements", "task-enter-statement", "task-weighing", "task-export", "task-results"]

    # Layers: a vector layer is uploaded and processed (the task runs at once here).
    vector = tmp_path / "festsetzungen.geojson"
    vector.write_bytes(feature_collection(square(820_100, 5_655_100, 100)))
    page.fill("#id_vector-name", "Festsetzungen")
    page.set_input_files("#id_vector-file", str(vector))
    page.click("#vector-submit")
    page.wait_for_url("**#layers")
    page.wait_for_selector("#layer-table [data-layer-status=done]")
    assert Layer.objects.get(plan_link__plan=plan).status == IngestStatus.DONE

    # Phases: the ended publication is listed as closed.
    assert page.locator("#phase-table [data-phase-state=closed]").count() == 1
    page.wait_for_selector("#staff-plan-map[data-map-ready]")
    check_page(page, artifacts_dir, "plan")

    # Nothing can be released before every statement is decided.
    page.click("#task-results")
    page.wait_for_selector("#undecided-list")
    assert page.locator("#undecided-list li").all_inner_texts() == [
        s.reference for s in (first, second, third)]
    assert page.locator("#release-button").count() == 0
    page.go_back()

    # Statements of this plan → one statement → its weighing.
    page.click("#task-statements")
    page.wait_for_selector("#statements-map[data-statements-ready=true]")
    assert page.locator("table.staff-statements tbody tr").count() == 3
    check_page(page, artifacts_dir, "statements")
    page.click(f"text={first.reference}")
    page.wait_for_url(f"**/staff/stellungnahmen/{first.uid}/")
    page.click("#weigh-statement")
    page.wait_for_url(f"**/staff/abwaegung/stellungnahme/{first.uid}/")
    page.wait_for_selector("#weigh-map[data-map-ready]")
    assert page.locator("#previous-statement").count() == 0
    check_page(page, artifacts_dir, "weigh-first")

    # Weigh one after the other; step back once and forward again.
    decide(page, "considered", "Eine Querungshilfe wird im Entwurf ergänzt.", then_next=True)
    page.wait_for_url(f"**/stellungnahme/{second.uid}/")
    assert first.reference in page.inner_text(".messages")
    page.click("#previous-statement")
    page.wait_for_url(f"**/stellungnahme/{first.uid}/")
    assert page.is_checked("#decision-form input[name=decision][value=considered]")
    page.click("#next-statement")
    page.wait_for_url(f"**/stellungnahme/{second.uid}/")
    decide(page, "partly", "Die Querungshilfe kommt, die Ampel nicht.", then_next=True)
    page.wait_for_url(f"**/stellungnahme/{third.uid}/")
    assert page.locator("#next-statement, #save-decision-next").count() == 0  # the last one
    decide(page, "noted", "", then_next=False)
    assert [consideration_for(s).decision for s in (first, second, third)] == [
        Decision.CONSIDERED, Decision.PARTLY, Decision.NOTED]
    keep_screenshot(page, artifacts_dir, "flow-weigh-last")  # the same page axe checked above

    # The weighing list → export of the Abwägungstabelle.
    page.click("#all-statements")
    page.wait_for_selector("#weighing-next-steps")
    assert texts["all_decided"] in page.inner_text("#progress")
    check_page(page, artifacts_dir, "weighing-list")
    page.click("#export-link")
    page.wait_for_selector("#export-form")
    check_page(page, artifacts_dir, "export")
    page.click("#export-submit")
    page.wait_for_selector("#download-link")
    assert ExportJob.objects.get(plan=plan).status == ExportJob.Status.DONE
    with page.expect_download() as download_info:
        page.click("#download-link")
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    check_page(page, artifacts_dir, "export-job")

    # Back to the plan → release the results (a double click releases once).
    page.click(f"nav.breadcrumb a[href='/staff/plaene/{plan.uid}/']")
    page.click("#task-results")
    page.wait_for_selector("#release-button")
    check_page(page, artifacts_dir, "results-ready")
    page.locator("#release-button").dblclick()
    page.wait_for_selector("#release-state")
    page.wait_for_selector("#email-state")
    assert ResultRelease.objects.count() == 1
    assert ResultNotification.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["erika@example.org"]]
    with page.expect_download() as download_info:
        page.click("#letters-download")
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    page.click("#letters-posted-button")
    page.wait_for_selector("#letter-state")
    assert texts["all_posted"] in page.inner_text("#letter-state")
    check_page(page, artifacts_dir, "results-released")

    # The public result page, reached from the release page, shows no personal data.
    page.click("#release-state a")
    page.wait_for_selector("#results-table")
    body = page.inner_text("main")
    assert "Eine Querungshilfe wird im Entwurf ergänzt." in body
    assert not [word for word in PERSONAL if word in body]
    check_page(page, artifacts_dir, "result-public")
    assert page.errors == []
