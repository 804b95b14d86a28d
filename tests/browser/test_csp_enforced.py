"""Chromium enforces the portal's CSP, and the journeys' listener notices every violation."""

import pytest

from .conftest import pass_second_factor, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def test_injected_markup_is_blocked_and_reported(page):
    page.goto("/")
    page.evaluate("""() => {
        document.body.insertAdjacentHTML("beforeend",
            '<p id="injected" style="color: rgb(255, 0, 0)">x</p>' +
            '<img alt="" src="https://elsewhere.example/pixel.gif">');
    }""")
    wait_until(page, "() => window.__cspViolationCount >= 2")
    color = page.evaluate("() => getComputedStyle(document.getElementById('injected')).color")
    assert color != "rgb(255, 0, 0)"
    joined = "\n".join(page.csp_violations)
    assert "style-src" in joined and "img-src" in joined
    page.csp_violations.clear()  # seen on purpose: the fixture checks again at the end


def test_an_inline_script_does_not_run(page):
    page.goto("/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__ran = true";
        document.body.appendChild(script);
    }""")
    wait_until(page, "() => window.__cspViolationCount >= 1")
    assert page.evaluate("() => window.__ran === undefined")
    assert any("script-src" in entry for entry in page.csp_violations)
    page.csp_violations.clear()


def test_admin_map_widget_works_under_the_policy(page):
    from portal.models import Role

    from ..factories import make_authority, make_staff

    town = make_authority(name="Musterstadt", slug="musterstadt")
    make_staff(town, Role.ADMIN, "csp-admin", is_superuser=True)
    page.goto("/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    pass_second_factor(page)
    page.goto(f"/admin/portal/authority/{town.pk}/change/")
    page.wait_for_selector(".leaflet-container .leaflet-interactive")
    page.wait_for_load_state("networkidle")
    assert page.csp_violations == []
    assert page.errors == []
