"""Request ids and structured logs (portal/operations/request_context.py, logs.py): LOG_FORMAT=json
writes one JSON object per line with the request id, route, authority, status and duration,
and nothing about the visitor; the default stays the human format."""

import io
import json
import logging
import logging.config

import pytest

from portal.operations.logs import logging_config
from tests.factories import make_authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines(settings):
    """Logs configured as LOG_FORMAT=json with the request log on, read back as objects."""
    settings.PORTAL_REQUEST_LOG = True
    logging.config.dictConfig(logging_config(log_format="json", level="INFO"))
    stream = io.StringIO()
    for handler in logging.getLogger().handlers:
        handler.setStream(stream)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines() if line]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def test_a_sane_request_id_is_taken_over_and_echoed(client):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="lb-4f1c2a9e-0001")
    assert response["X-Request-ID"] == "lb-4f1c2a9e-0001"


@pytest.mark.parametrize("header", ["short", "x" * 129, "id with spaces 123",
                                    "abc123456\nforged log line", "<script>12345</script>"])
def test_anything_else_gets_a_new_id(client, header):
    response = client.get("/health/live", HTTP_X_REQUEST_ID=header)
    assert response["X-Request-ID"] != header
    assert len(response["X-Request-ID"]) == 32


def test_json_request_line(client, log_lines):
    authority = make_authority()
    response = client.get(f"/{authority.slug}/", HTTP_X_REQUEST_ID="req-0123456789",
                          REMOTE_ADDR="198.51.100.23", QUERY_STRING="email=a@example.org")
    assert response.status_code == 200
    line = next(entry for entry in log_lines() if entry["logger"] == "portal.request")
    assert line["request_id"] == "req-0123456789"
    assert line["status"] == 200 and line["method"] == "GET"
    assert line["authority"] == authority.slug
    assert line["route"] and "/" not in line["route"]
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")
    text = json.dumps(line)
    assert "198.51.100.23" not in text and "example.org" not in text


def test_log_lines_written_by_a_view_carry_the_request_id(client, log_lines):
    """A 404 is logged by Django's request logger inside the request."""
    client.get("/no-such-authority-xyz/plaene/", HTTP_X_REQUEST_ID="req-9876543210")
    lines = log_lines()
    warnings = [entry for entry in lines if entry["logger"] == "django.request"]
    assert warnings and all(entry["request_id"] == "req-9876543210" for entry in warnings)


def test_agency_links_stay_masked_in_json(client, log_lines):
    secret = "C" * 43
    client.get(f"/toeb/{secret}/")
    assert secret not in json.dumps(log_lines())


def test_the_default_is_the_human_format(settings):
    assert settings.LOG_FORMAT == "text"
    assert "formatter" not in settings.LOGGING["handlers"]["console"]
    assert settings.PORTAL_REQUEST_LOG is False
