"""The personal link is opened once and exchanged for a session: the pages behind it carry no
token, other browsers cannot use their addresses, and logs never show the secret."""

import io
import logging
import logging.config
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from gunicorn.config import Config
from gunicorn.glogging import Logger

from planning.agencies.log_masking import MaskAgencyLinks
from planning.models import AgencyInvitation, Statement

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def link(secret):
    return reverse("planning_agencies:link", kwargs={"token": secret})


def test_the_link_redirects_to_a_token_free_page(client, world, invited):
    secret = invited["water"]
    opened = client.get(link(secret))
    invitation = AgencyInvitation.objects.get(agency=world["water"])
    assert opened.status_code == 303
    assert opened["Location"] == f"/toeb/zugang/{invitation.uid}/"
    assert opened["Cache-Control"] == "private, no-store"
    page = client.get(opened["Location"])
    assert page.status_code == 200
    assert secret not in page.content.decode()
    assert secret not in str(dict(client.session))  # only its hash is kept
    posted = client.post(opened["Location"], {"text": "Bitte den Brunnen beachten.",
                                              "attachments": [pdf_upload()]})
    assert posted.status_code == 302 and secret not in posted["Location"]
    receipt = client.get(posted["Location"])
    assert receipt.status_code == 200 and secret not in receipt.content.decode()
    assert Statement.objects.filter(agency=world["water"]).count() == 1


def test_the_token_free_address_is_nothing_without_the_session(client, world, invited):
    page = client.get(link(invited["water"]))["Location"]
    stranger = Client()
    assert stranger.get(page).status_code == 404
    assert stranger.post(page, {"text": "Fremd"}).status_code == 404
    assert not Statement.objects.exists()


def test_a_session_holds_two_invitations_apart(client, world, invited):
    water = client.get(link(invited["water"]))["Location"]
    telecom = client.get(link(invited["telecom"]))["Location"]
    assert water != telecom
    assert client.get(water).status_code == 200 and client.get(telecom).status_code == 200
    client.post(telecom, {"text": "Leitungen im Baufeld."})
    assert Statement.objects.get().agency == world["telecom"]


def test_a_withdrawn_link_stops_working_in_an_open_session(client, world, invited):
    page = client.get(link(invited["water"]))["Location"]
    assert client.get(page).status_code == 200
    AgencyInvitation.objects.filter(agency=world["water"]).update(token_hash="0" * 64)
    assert client.get(page).status_code == 404


def test_opening_the_link_starts_a_new_session_id(client, world, invited):
    client.get("/")  # any earlier session id …
    client.session.save()
    before = client.session.session_key
    client.get(link(invited["water"]))
    assert client.session.session_key != before  # … is not the one that holds the link


def _record(message, *args):
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, message, args, None)


@pytest.mark.parametrize("line", [
    '"GET /toeb/{secret}/ HTTP/1.1" 303 0',
    '"GET /toeb/{secret} HTTP/1.1" 404 0',
    '"GET /toeb/{secret}/?x=1 HTTP/1.1" 404 0',
])
def test_the_log_filter_masks_the_secret(line):
    secret = "A" * 43
    record = _record('"%s" %s %s', line.format(secret=secret).split('"')[1], "303", "0")
    MaskAgencyLinks().filter(record)
    assert secret not in record.getMessage() and "/toeb/[link]" in record.getMessage()


def test_the_log_filter_keeps_token_free_addresses():
    record = _record("GET /toeb/zugang/5b0a9f0e-0000-4000-8000-000000000000/ 200")
    MaskAgencyLinks().filter(record)
    assert "/toeb/zugang/5b0a9f0e-0000-4000-8000-000000000000/" in record.getMessage()


def test_runserver_request_log_masks_the_secret(client, world, invited):
    stream = io.StringIO()
    handler = next(h for h in logging.getLogger("django.server").handlers)
    old_stream = handler.setStream(stream)
    try:
        logging.getLogger("django.server").info('"%s" %s %s',
                                                f"GET /toeb/{invited['water']}/ HTTP/1.1",
                                                "303", "0", extra={"status_code": 303})
    finally:
        handler.setStream(old_stream)
    assert invited["water"] not in stream.getvalue() and "/toeb/[link]/" in stream.getvalue()


@pytest.fixture
def restore_django_logging(settings):
    yield
    logging.config.dictConfig(settings.LOGGING)


def test_gunicorn_access_log_masks_the_secret(capsys, restore_django_logging):
    gunicorn_settings = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    config = Config()
    config.set("logconfig_dict", gunicorn_settings["logconfig_dict"])
    logger = Logger(config)
    secret = "B" * 43
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/toeb/{secret}/",
               "PATH_INFO": f"/toeb/{secret}/",
               "SERVER_PROTOCOL": "HTTP/1.1", "QUERY_STRING": "", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": f"https://portal.example/toeb/{secret}/"}
    response = SimpleNamespace(status="303 See Other", sent=0, headers=[])
    logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=3))
    for handler in logging.getLogger("gunicorn.access").handlers:
        handler.flush()
    out = capsys.readouterr().out
    assert "GET /toeb/[link]/" in out and secret not in out
