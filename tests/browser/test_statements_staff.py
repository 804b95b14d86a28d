"""A planner's statement work in real Chromium: the list with the map (clusters, heat map),
inert popups, a filter by topic, a statement's detail page and the manual entry of a letter.
axe-core checks every page; screenshots are kept in test-artifacts/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from planning.models import Channel, Statement, StatementSettings
from planning.services.phases import schedule_phase
from planning.services.statements import Identity, Submission, create_statement
from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, square
from ..statements_staff.conftest import XSS, point_in
from .conftest import assert_accessible, keep_screenshot, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting():
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    plan = make_plan(town, name="Am Mühlbach", number="MS-12", area=square(820_000, 5_655_000, 400))
    today = timezone.localdate()
    # Open around today (the planner enters a letter received today).
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=today - timedelta(days=10),
                           end_date=today + timedelta(days=25))
    StatementSettings.objects.create(phase=phase, topics=["Verkehr", "Grün"], display_publicly=True)
    planner = make_staff(town, Role.PLANNER, "planerin", first_name="Petra", last_name="Planer")
    received = timezone.now() - timedelta(days=2)
    statements = []
    # Three close together (one cluster) and two far apart (single markers).
    places = [(40, 40, "Verkehr"), (45, 48, "Verkehr"), (52, 42, "Grün"), (360, 360, "Grün"),
              (360, 40, "Verkehr")]
    for index, (dx, dy, topic) in enumerate(places):
        text = f"Stellungnahme {index} {XSS}" if index == 3 else f"Stellungnahme {index}"
        statement, _ = create_statement(
            plan=plan, phase=phase, channel=Channel.LETTER, received_at=received,
            submission=Submission(text=text, topics=[topic], location=point_in(plan, dx, dy),
                                  identity=Identity(name=f"Person {index}")),
        )
        statements.append(statement)
    return {"plan": plan, "phase": phase, "planner": planner, "statements": statements}


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page, username)
    page.wait_for_url("**/staff/")


def test_planner_works_with_statements(page, setting, artifacts_dir):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    statements = setting["statements"]
    sign_in(page, "planerin")

    # The list and the map: clusters for close statements, single markers for the others.
    page.goto("/staff/stellungnahmen/")
    page.wait_for_selector("#statements-map[data-statements-ready=true]")
    assert page.get_attribute("#statements-map", "data-statement-count") == "5"
    assert page.locator("#statements-map .marker-cluster").count() >= 1
    assert page.locator("table.staff-statements tbody tr").count() == 5
    keep_screenshot(page, artifacts_dir, "staff-statements-list")
    assert_accessible(page)

    # The popup of the statement with hostile text shows it as text.
    hostile = statements[3]
    page.click(f'#statements-map .leaflet-marker-icon[title="{hostile.reference}"]')
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert XSS in popup.inner_text()
    assert popup.locator("img").count() == 0
    assert page.evaluate("window.__xss") is None

    # The heat map is another view of the same statements.
    page.check("#map-view-heat")
    page.wait_for_selector("#statements-map[data-map-view=heat]")
    assert page.locator("#statements-map canvas.leaflet-heatmap-layer").count() == 1
    page.check("#map-view-cluster")
    page.wait_for_selector("#statements-map[data-map-view=cluster]")

    # Filter by topic (and plan): the list and the map follow.
    page.select_option("#id_plan", str(setting["plan"].uid))
    page.select_option("#id_topic", "Grün")
    page.click("#apply-filters")
    page.wait_for_url("**topic=Gr*")
    page.wait_for_selector("#statements-map[data-statements-ready=true]")
    assert page.locator("table.staff-statements tbody tr").count() == 2
    assert page.get_attribute("#statements-map", "data-statement-count") == "2"
    assert_accessible(page)

    # Open a statement's detail page.
    first = statements[2]
    page.click(f"text={first.reference}")
    page.wait_for_url(f"**/staff/stellungnahmen/{first.uid}/")
    page.wait_for_selector("#statement-detail-map[data-map-ready]")
    assert "Person 2" in page.locator("main").inner_text()
    keep_screenshot(page, artifacts_dir, "staff-statement-detail")
    assert_accessible(page)

    # Enter a letter that arrived on paper today.
    page.goto("/staff/stellungnahmen/")
    page.click("#enter-statement")
    page.wait_for_selector("#plan-choice")
    assert_accessible(page)
    page.click("#plan-choice button[type=submit]")
    page.wait_for_selector("#entry-form")
    page.wait_for_selector("#entry-map[data-map-ready]")
    keep_screenshot(page, artifacts_dir, "staff-statement-entry")
    assert_accessible(page)
    assert page.input_value("#id_received_on") == timezone.localdate().isoformat()
    page.select_option("#id_channel", "letter")
    page.fill("#id_text", "Der Brief bittet um einen Fußweg entlang des Mühlbachs.")
    page.check("#id_topics_0")
    page.fill("#id_location_text", "Mühlbach, Höhe Schule")
    page.fill("#id_name", "Hanna Brief")
    page.fill("#id_street", "Schulweg 1")
    page.fill("#id_postcode", "01234")
    page.fill("#id_city", "Musterstadt")
    page.click("#save-statement")
    page.wait_for_selector(".messages .message--success")
    entered = Statement.objects.get(name="Hanna Brief")
    assert entered.channel == Channel.LETTER and entered.entered_by == setting["planner"]
    assert not entered.is_late and entered.topics == ["Grün"]
    assert entered.reference in page.locator("h1").inner_text()
    assert_accessible(page)
    assert dialogs == []
    assert page.errors == []
