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
