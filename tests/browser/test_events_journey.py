"""Events in real Chromium on a phone-sized screen: a citizen registers with the keyboard
alone, the e-mail carries the .ics and the PDF ticket; the QR code decoded from the rendered
PDF page checks in once at the scanner, a second scan says when, a forged code is refused;
offline, three check-ins queue and are sent in one request when the connection is back.
axe-clean and CSP-clean throughout."""

import re
import shutil
import subprocess

import pytest
import zxingcpp
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from participation.events.models import Ticket
from participation.events.services import NewRegistration, register
from participation.events.tokens import ticket_token
from portal.models import Role
from tests.events.conftest import build_event
from tests.factories import make_authority, make_staff, square

from .conftest import assert_accessible, pass_second_factor, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm missing"),
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world():
    town = make_authority(name="Mitteldorf", slug="mitteldorf", ags="14730050",
                          jurisdiction=square(318_000, 5_690_000, 2000),
                          enabled_modules=["events"])
    event = build_event(town, capacity=10)
    helper = make_staff(town, Role.VIEWER, username="einlass")
    return {"town": town, "event": event, "helper": helper}


def _decode_pdf_qr(pdf: bytes, tmp_path) -> str:
    (tmp_path / "ticket.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1",
                    str(tmp_path / "ticket.pdf"), str(tmp_path / "page")], check=True,
                   timeout=60)
    [page] = sorted(tmp_path.glob("page*.png"))
    [code] = zxingcpp.read_barcodes(Image.open(page))
    return code.text


def _scan(page, token):
    page.focus("#id_token")
    page.keyboard.type(token)
    page.keyboard.press("Enter")


def test_register_ticket_and_check_in_online_and_offline(page, world, tmp_path):
    event = world["event"]
    page.set_viewport_size(PHONE)
    page.goto("/mitteldorf/")
    page.get_by_role("link", name=event.title).first.click()
    expect(page.locator("h1")).to_have_text(event.title)
    assert_accessible(page)
    # Keyboard only: name, e-mail, persons, interpreter, needs, submit.
    page.focus("#id_name")
    page.keyboard.type("Gerda Gast")
    page.keyboard.press("Tab")
    page.keyboard.type("gerda@example.org")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Bitte Plätze vorn.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#registration-status")).to_have_text(re.compile("bestätigt|confirmed"))
    assert_accessible(page)
    [message] = mail.outbox
    attachments = {name: content for name, content, _kind in message.attachments}
    assert "BEGIN:VCALENDAR" in str(attachments["veranstaltung.ics"])
    token = _decode_pdf_qr(attachments["ticket.pdf"], tmp_path)
    # The ticket on the web, reached with the keyboard.
    page.get_by_role("link", name=re.compile("Ticket")).first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#ticket-token")).to_have_text(token)
    assert_accessible(page)

    page.goto("/accounts/login/")
    page.fill("#id_username", "einlass")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/**")
    page.goto(f"/staff/veranstaltungen/{event.uid}/einlass/")
    wait_until(page, "document.getElementById('scanner').dataset.listReady === 'true'")
    assert_accessible(page)
    result = page.locator("#scanner-result")
    _scan(page, token)
    expect(result).to_have_text(re.compile("Eingecheckt|Checked in"))
    expect(page.locator("[data-count=checked_in]")).to_have_text("1")
    _scan(page, token)
    expect(result).to_have_text(re.compile(r"(bereits eingecheckt um|already checked in at) "
                                           r"\d\d:\d\d", re.I))
    _scan(page, token[:-4] + "abcd")
    expect(result).to_have_text(re.compile("Ungültig|Invalid"))
    assert Ticket.objects.filter(checked_in_at__isnull=False).count() == 1

    # Offline: three more tickets, known to the device from the ticket list.
    registration, _ = register(event=event, new=NewRegistration("Familie Off", "o@example.org",
                                                                3))
    tokens = [ticket_token(t.token_id) for t in registration.tickets.all()]
    page.reload()
    wait_until(page, "document.getElementById('scanner').dataset.listReady === 'true'")
    posts = []
    page.on("request", lambda r: r.method == "POST" and "check-in" in r.url and posts.append(r))
    page.context.set_offline(True)
    for offline_token in tokens:
        _scan(page, offline_token)
        expect(result).to_have_text(re.compile("offline", re.I))
    _scan(page, token[:-4] + "abcd")
    expect(result).to_have_text(re.compile("Abgelehnt|Refused"))
    expect(page.locator("#scanner-queue")).to_contain_text("3")
    assert Ticket.objects.filter(checked_in_at__isnull=False).count() == 1
    page.context.set_offline(False)
    wait_until(page, "document.getElementById('scanner').dataset.synced === '1'")
    assert Ticket.objects.filter(checked_in_at__isnull=False).count() == 4
    assert len(posts) == 1
    expect(page.locator("#scanner-queue")).to_have_text("")
    assert_accessible(page)
