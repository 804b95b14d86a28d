"""An authority admin works through a data-subject request in real Chromium: the register,
the form (keyboard), the request with what erasure keeps, the erasure; then the record of
processing activities, the retention rules and the access log. axe-core checks every page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from planning.models import Channel, Statement
from planning.services.phases import schedule_phase
from planning.services.statements import Identity, Submission, create_statement
from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, square
from ..statements_staff.conftest import point_in
from .conftest import assert_accessible, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting():
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    plan = make_plan(town, name="Am Mühlbach", number="MS-12", area=square(820_000, 5_655_000, 400))
    today = timezone.localdate()
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=today - timedelta(days=10),
                           end_date=today + timedelta(days=25))
    statement, _ = create_statement(
        plan=plan, phase=phase, channel=Channel.LETTER,
        received_at=timezone.now() - timedelta(days=2),
        submission=Submission(text="Bitte die Linde am Bach erhalten.", topics=[],
                              location=point_in(plan, 40, 40),
                              identity=Identity(name="Erika Mustermann",
                                                email="erika@example.org")))
    make_staff(town, Role.ADMIN, "admina")
    return {"town": town, "statement": statement}


def test_admin_erases_a_person(page, setting):
    page.goto("/accounts/login/")
    page.fill("#id_username", "admina")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    page.click("a[href='/staff/datenschutz/']")
    assert_accessible(page)
    town = setting["town"]
    page.click(f"a[href='/staff/datenschutz/{town.pk}/anfragen/']")
    assert_accessible(page)

    page.select_option("#id_kind", "erasure")
    page.focus("#id_subject_name")
    page.keyboard.type("Erika Mustermann")
    page.keyboard.press("Tab")
    page.keyboard.type("erika@example.org")
    page.fill("#id_received_on", timezone.localdate().isoformat())
    page.focus("#id_received_on")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/datenschutz/anfragen/*/")
    assert page.locator("main").get_by_text(setting["statement"].reference).count() >= 1
    assert_accessible(page)

    page.check("#confirm-erase")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/staff/datenschutz/anfragen/*/")
    statement = Statement.objects.get(pk=setting["statement"].pk)
    assert statement.name == "" and statement.email == ""
    assert statement.text == "Bitte die Linde am Bach erhalten."
    assert "Erika" not in page.locator("main").inner_text()

    for path in ("verzeichnis", "aufbewahrung", "zugriffe"):
        page.goto(f"/staff/datenschutz/{town.pk}/{path}/")
        assert_accessible(page)


def test_planner_publishes_the_notice_and_the_statement_form_shows_it(page, setting):
    """The checklist and the notice page (axe), publishing, then the public statement form
    with the notice shown beside the consent box (axe), and the accepted version stored."""
    from dataprotection.models import NoticeAcceptance

    plan = setting["statement"].plan
    page.goto("/accounts/login/")
    page.fill("#id_username", "admina")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    page.goto(f"/staff/plaene/{plan.uid}/")
    page.click("#dataprotection-panel a")
    page.wait_for_url("**/checkliste/")
    assert page.locator("#checklist-warnings").count() == 1
    assert_accessible(page)
    page.click(f"a[href='/staff/datenschutz/verfahren/{plan.procedure_id}/hinweis/']")
    assert "§3 Abs. 2 BauGB" in page.input_value("#id_text_en")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button[value=publish]")
    page.wait_for_selector("a[href$='/v1/']")  # the published version's public page

    page.context.clear_cookies()
    page.goto(f"{plan.get_absolute_url()}stellungnahme/")
    notice = page.locator("#privacy-notice-text")
    assert "§3 Abs. 2 BauGB" in notice.inner_text()
    assert notice.is_visible()
    assert_accessible(page)
    page.fill("#id_text", "Bitte den Bachweg breiter machen.")
    page.fill("#id_location_text", "Bachweg 3")
    page.check("#id_anonymous_1")
    page.check("#id_privacy_accepted")
    page.wait_for_timeout(3100)
    page.click("button.primary")
    page.wait_for_selector(".reference")
    statement = Statement.objects.get(reference=page.locator(".reference").inner_text())
    assert NoticeAcceptance.objects.get(object_id=str(statement.pk)).version.number == 1
