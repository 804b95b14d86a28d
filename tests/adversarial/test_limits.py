"""Request sizes refused before the body is read, login lockout, password-reset limits
(issue #9, finding 3 and the login throttling of finding 5)."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.urls import reverse

from portal.request_limits import RequestTooLarge, SizeLimitUploadHandler

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


class BodyThatMustNotBeRead(io.RawIOBase):
    def __init__(self):
        self.reads = 0

    def read(self, *args):
        self.reads += 1
        raise AssertionError("the body was read")

    readline = readinto = read


def raw_post(path: str, content_length: int, body=None):
    """A POST through the real WSGI handler, as gunicorn would hand it over."""
    body = body or BodyThatMustNotBeRead()
    environ = RequestFactory()._base_environ(
        PATH_INFO=path, REQUEST_METHOD="POST", CONTENT_LENGTH=str(content_length),
        CONTENT_TYPE="multipart/form-data; boundary=xyz", HTTP_ACCEPT_LANGUAGE="en",
        **{"wsgi.input": body})
    started = {}
    chunks = WSGIHandler()(environ, lambda status, headers: started.update(status=status))
    return started["status"], b"".join(chunks).decode(), body


@pytest.mark.parametrize("path", [
    "/accounts/password_reset/",  # anonymous form without files: 1 MiB
    "/musterstadt/plaene/8a1f2c44-5d3e-4c8f-9a41-0e2b3c4d5e6f/stellungnahme/",  # attachments
    "/toeb/" + "a" * 43 + "/",  # agency page with attachments
])
def test_a_huge_body_is_refused_before_it_is_read(path):
    status, html, body = raw_post(path, 200 * 1024 * 1024)
    assert status.startswith("413")
    assert "The data sent is too large" in html
    assert body.reads == 0


def test_the_attachment_maximum_is_the_documented_sum(settings):
    limit = settings.PORTAL_MAX_REQUEST_BYTES["attachments"]
    assert limit == settings.PORTAL_MAX_ATTACHMENTS_TOTAL_BYTES + 1024 * 1024 == 26 * 1024 * 1024
    path = "/musterstadt/plaene/8a1f2c44-5d3e-4c8f-9a41-0e2b3c4d5e6f/stellungnahme/"
    status, _html, body = raw_post(path, limit + 1)
    assert status.startswith("413") and body.reads == 0
    # Forms without files keep the small maximum.
    status, _html, body = raw_post("/accounts/password_reset/",
                                   settings.PORTAL_MAX_REQUEST_BYTES["anonymous"] + 1)
    assert status.startswith("413") and body.reads == 0


def test_attachment_forms_take_more_than_other_anonymous_forms():
    two_mib = 2 * 1024 * 1024
    path = "/musterstadt/plaene/8a1f2c44-5d3e-4c8f-9a41-0e2b3c4d5e6f/stellungnahme/"
    status, _html, _body = raw_post(path, two_mib, io.BytesIO(b"\0" * two_mib))
    assert not status.startswith("413")  # read and handled (here: refused by the CSRF check)
    status, _html, _body = raw_post("/accounts/password_reset/", two_mib,
                                    io.BytesIO(b"\0" * two_mib))
    assert status.startswith("413")


def test_the_upload_handler_stops_at_the_limit():
    handler = SizeLimitUploadHandler(limit=1000)
    assert handler.receive_data_chunk(b"x" * 600, 0) == b"x" * 600
    with pytest.raises(RequestTooLarge):
        handler.receive_data_chunk(b"x" * 600, 600)


# Login throttling -------------------------------------------------------------------------

@pytest.fixture
def staff_user():
    return get_user_model().objects.create_user("planerin", "planerin@example.org", "richtig-1234",
                                                is_staff=True, is_superuser=True)


@pytest.mark.parametrize("login_url", ["/accounts/login/", "/admin/login/"])
def test_wrong_passwords_lock_the_login(client, staff_user, settings, login_url):
    with time_machine.travel(NOW, tick=False) as clock:
        statuses = [client.post(login_url, {"username": "planerin", "password": "falsch"},
                                HTTP_ACCEPT_LANGUAGE="en").status_code
                    for _ in range(settings.AXES_FAILURE_LIMIT)]
        # The form again with its error, until the last allowed failure locks.
        assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
        locked = client.post(login_url, {"username": "planerin", "password": "richtig-1234"},
                             HTTP_ACCEPT_LANGUAGE="en")
        assert locked.status_code == 429
        assert "Too many failed sign-in attempts" in locked.content.decode()
        assert "15 minutes" in locked.content.decode()
        assert "_auth_user_id" not in client.session
        # Another client may still sign in with its own user name + address combination.
        other = get_user_model().objects.create_user("kollege", password="auch-richtig-99",
                                                    is_staff=True)
        assert client.post(login_url, {"username": other.username,
                                       "password": "auch-richtig-99"}).status_code == 302
        client.logout()
        clock.shift(timedelta(minutes=16))
        after = client.post(login_url, {"username": "planerin", "password": "richtig-1234"})
        assert after.status_code == 302


def test_logins_per_client_are_limited(client, settings):
    settings.PORTAL_RATE_LIMITS = dict(settings.DOCUMENTED_RATE_LIMITS)
    allowed = int(settings.PORTAL_RATE_LIMITS["login-client"].split("/")[0])
    with time_machine.travel(NOW, tick=False):
        statuses = [client.post("/accounts/login/", {"username": f"user{i}", "password": "x"}
                                ).status_code for i in range(allowed + 2)]
    assert statuses[-2:] == [429, 429] and 429 not in statuses[:allowed]


def test_password_reset_mails_are_limited_per_address_and_client(client, staff_user, settings):
    settings.PORTAL_RATE_LIMITS = dict(settings.DOCUMENTED_RATE_LIMITS)
    per_address = int(settings.PORTAL_RATE_LIMITS["password-reset-address"].split("/")[0])
    per_client = int(settings.PORTAL_RATE_LIMITS["password-reset-client"].split("/")[0])
    url = reverse("password_reset")
    with time_machine.travel(NOW, tick=False):
        statuses = [client.post(url, {"email": "Planerin@example.org"},
                                REMOTE_ADDR=f"198.51.100.{i + 1}").status_code
                    for i in range(per_address + 3)]
        assert statuses == [302] * per_address + [429] * 3
        assert len(mail.outbox) == per_address
        statuses = [client.post(url, {"email": f"jemand{i}@example.org"}).status_code
                    for i in range(per_client + 2)]
        assert statuses == [302] * per_client + [429] * 2
