"""An authority admin sets the participation defaults and opens a phase's own settings in real
Chromium: the defaults page reached and filled by keyboard, every page checked with axe-core
(docs/participation-settings.md)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from planning.models import ParticipationDefaults
from planning.services.phases import schedule_phase
from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, square
from .conftest import assert_accessible, keep_screenshot, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting():
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    plan = make_plan(town, name="Am Mühlbach", number="MS-12", area=square(820_000, 5_655_000, 400))
    today = timezone.localdate()
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=today - timedelta(days=3),
                           end_date=today + timedelta(days=30))
    make_staff(town, Role.ADMIN, "admina", first_name="Anna", last_name="Admin")
    return {"town": town, "plan": plan, "phase": phase}


def test_admin_sets_the_defaults_by_keyboard_and_opens_a_phases_settings(page, setting,
                                                                        artifacts_dir):
    town, plan, phase = setting["town"], setting["plan"], setting["phase"]
    page.goto("/accounts/login/")
    page.fill("#id_username", "admina")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")

    # The authority's page, then the defaults link reached with the Tab key alone.
    page.goto(f"/staff/authorities/{town.pk}/")
    link = page.locator("#authority-participation-defaults-link")
    for _press in range(80):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/plaene/beteiligung/{town.pk}/")
    expect(page.locator("h1")).to_contain_text("Musterstadt")
    expect(page.locator("#id_topics")).to_have_attribute("aria-describedby", "id_topics_helptext")
    assert_accessible(page)

    # Change the settings by keyboard: topics, then the public display, then send.
    page.focus("#id_topics")
    page.keyboard.type("Verkehr\nGrün und Umwelt\nverkehr")
    page.focus("#id_display_publicly")
    page.keyboard.press("Space")
    expect(page.locator("#id_display_publicly")).to_be_checked()
    page.focus("#participation-defaults-form-submit")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/plaene/beteiligung/{town.pk}/")
    expect(page.locator("#id_topics")).to_have_value("Verkehr\nGrün und Umwelt")
    expect(page.locator("#id_display_publicly")).to_be_checked()
    defaults = ParticipationDefaults.objects.get(authority=town)
    assert defaults.topics == ["Verkehr", "Grün und Umwelt"] and defaults.display_publicly
    keep_screenshot(page, artifacts_dir, "participation-defaults")
    assert_accessible(page)

    # An error is summarised at the top and linked to its field.
    page.check("#id_allow_cosigning")
    page.uncheck("#id_display_publicly")
    page.click("#participation-defaults-form-submit")
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#error-summary a[href='#id_allow_cosigning']")).to_have_count(1)
    assert_accessible(page)

    # The phase's own page starts from the defaults and is reachable from the plan's page.
    page.goto(f"/staff/plaene/{plan.uid}/")
    page.click(f"#phase-settings-link-{phase.pk}")
    page.wait_for_url(f"**/staff/plaene/{plan.uid}/phasen/{phase.pk}/beteiligung/")
    expect(page.locator("#follows-defaults")).to_be_visible()
    expect(page.locator("#id_topics")).to_have_value("Verkehr\nGrün und Umwelt")
    keep_screenshot(page, artifacts_dir, "phase-participation-settings")
    assert_accessible(page)
