"""Releasing the weighing results in real Chromium: the planner sees what is undecided, releases
once (a double click sends nothing twice), downloads the letters; the public reads the result
page without personal data. axe-core checks every page; screenshots go to test-artifacts/."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.gis.geos import Point
from django.core import mail
from django.utils import timezone

from planning.models import Decision, ResultNotification, ResultRelease, Statement
from planning.services.phases import schedule_phase
from planning.weighing import decisions
from portal.models.membership import Role

from ..factories import make_authority, make_plan, make_staff, square
from .conftest import assert_accessible, keep_screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}


@pytest.fixture
def world(live_server):
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
    rows = [
        ("ST-2026-00001", {"name": "Erika Mustermann", "email": "erika@example.org",
                           "street": "Lindenweg 7", "postcode": "01067", "city": "Dresden",
                           "location": Point(centre.x, centre.y, srid=25832)}),
        ("ST-2026-00002", {"name": "Bruno Brief", "street": "Postweg 3", "postcode": "04109",
                           "city": "Leipzig"}),
        ("ST-2026-00003", {"is_anonymous": True}),
    ]
    statements = [Statement.objects.create(
        authority=town, plan=plan, phase=phase, reference=reference, topics=["Verkehr"],
        text=f"Bitte eine Querungshilfe am Bachweg ({reference}).",
        received_at=received + timedelta(hours=i), **fields)
        for i, (reference, fields) in enumerate(rows)]
    for statement in statements[:2]:
        decisions.decide(target=statement, user=None, decision=Decision.CONSIDERED,
                         reasoning="Eine Querungshilfe wird im Entwurf ergänzt.")
    make_staff(town, Role.PLANNER, "planerin", first_name="Petra", last_name="Planer")
    return plan, statements


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    page.wait_for_url("**/staff/")


def test_planner_releases_and_the_public_reads_the_result(page, world, artifacts_dir):
    plan, statements = world
    sign_in(page, "planerin")
    page.goto(f"/staff/abwaegung/ergebnis/{plan.uid}/")
    assert page.locator("#undecided-list li").all_inner_texts() == ["ST-2026-00003"]
    assert page.locator("#release-button").count() == 0
    keep_screenshot(page, artifacts_dir, "results-staff-undecided")
    assert_accessible(page)

    decisions.decide(target=statements[2], user=None, decision=Decision.NOTED)
    page.reload()
    page.locator("#release-button").dblclick()  # a double click
    page.wait_for_selector("#release-state")
    page.wait_for_selector("#email-state")
    assert ResultRelease.objects.count() == 1
    assert ResultNotification.objects.count() == 2
    assert [m.to for m in mail.outbox] == [["erika@example.org"]]
    assert "1 von 1 versendet" in page.inner_text("#email-state")  # German is the default
    keep_screenshot(page, artifacts_dir, "results-staff-released")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.click("#letters-download")
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
    page.click("#letters-posted-button")
    page.wait_for_selector("#letter-state")
    assert "1 von 1" in page.inner_text("#letter-state")

    page.goto(plan.get_absolute_url())
    page.click("#result-link")
    page.wait_for_selector("#results-table")
    body = page.inner_text("main")
    assert "Eine Querungshilfe wird im Entwurf ergänzt." in body
    for personal in ("Erika", "Mustermann", "Lindenweg", "01067", "erika@example.org",
                     "Bruno", "Postweg", "04109", "Leipzig"):
        assert personal not in body
    keep_screenshot(page, artifacts_dir, "results-public")
    assert_accessible(page)
    assert page.errors == []
