"""The scanner's own QR decoder in Chromium: a photo of a ticket is read on the device by
zxing-wasm (served from the portal, WebAssembly allowed on the scanner page only) and checked
in; a photo without a code is refused with a message. No CSP violation."""

import re

import pytest
import segno
from playwright.sync_api import expect

from participation.events.models import Ticket
from participation.events.services import NewRegistration, register
from participation.events.tokens import ticket_token
from portal.models import Role
from tests.events.conftest import build_event
from tests.factories import make_authority, make_staff, square

from .conftest import assert_accessible, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


def test_photo_of_ticket_is_decoded_on_the_device(page, tmp_path):
    town = make_authority(name="Mitteldorf", slug="mitteldorf", ags="14730050",
                          jurisdiction=square(318_000, 5_690_000, 2000),
                          enabled_modules=["events"])
    event = build_event(town)
    make_staff(town, Role.VIEWER, username="einlass")
    registration, _ = register(event=event, new=NewRegistration("Paula Foto", "p@example.org"),
                               notify=False)
    token = ticket_token(registration.tickets.get().token_id)
    segno.make(token, error="m").save(str(tmp_path / "ticket.png"), scale=8, border=4)
    from PIL import Image

    Image.new("RGB", (200, 200), "white").save(tmp_path / "blank.png")
    page.goto("/accounts/login/")
    page.fill("#id_username", "einlass")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/**")
    wasm = []
    page.on("response", lambda r: r.url.endswith("zxing_reader.wasm") and wasm.append(r.status))
    page.goto(f"/staff/veranstaltungen/{event.uid}/einlass/")
    assert_accessible(page)
    result = page.locator("#scanner-result")
    page.set_input_files("#photo-input", str(tmp_path / "blank.png"))
    expect(result).to_have_text(re.compile("kein QR-Code|No QR code"), timeout=20_000)
    page.set_input_files("#photo-input", str(tmp_path / "ticket.png"))
    expect(result).to_have_text(re.compile("Eingecheckt|Checked in"), timeout=20_000)
    assert Ticket.objects.get().checked_in_at is not None
    if not page.evaluate("'BarcodeDetector' in window"):
        assert wasm and set(wasm) <= {200, 304}  # zxing-wasm from the portal, not a CDN
