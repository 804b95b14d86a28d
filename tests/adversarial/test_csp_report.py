"""The CSP violation report endpoint: logs sanitised fields, bounded body, limited per client."""

import json
import logging
import re

import pytest
from django.core.cache import cache

from portal.views.csp_report import MAX_BODY_BYTES

URL = "/csp-report/"
REPORT = {
    "csp-report": {
        "document-uri": "https://portal.example.org/toeb/SECRETtoken123/?q=private",
        "violated-directive": "img-src",
        "effective-directive": "img-src",
        "blocked-uri": "https://tracker.example/pixel.gif?user=erika",
        "disposition": "enforce",
    }
}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def post(client, body, content_type="application/csp-report", **extra):
    return client.post(URL, body, content_type=content_type, **extra)


def test_report_is_logged_without_tokens_queries_or_control_characters(client, caplog):
    report = {"csp-report": {**REPORT["csp-report"], "source-file": "https://x.example/a\nFAKE"}}
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = post(client, json.dumps(report))
    assert response.status_code == 204
    (record,) = [r for r in caplog.records if r.name == "portal.csp"]
    line = record.getMessage()
    assert "effective-directive=img-src" in line
    assert "blocked-uri=https://tracker.example/pixel.gif" in line
    # Masked by the report view ("…") and again by the log filter of agency links ("[link]").
    assert re.search(r"document-uri=https://portal\.example\.org/toeb/(…|\[link\])/ ", line)
    assert "SECRETtoken123" not in line and "erika" not in line and "private" not in line
    assert "\n" not in line


def test_reporting_api_format_is_understood(client, caplog):
    body = [{"type": "csp-violation", "body": {"documentURL": "https://portal.example.org/",
                                               "effectiveDirective": "script-src-elem",
                                               "blockedURL": "inline"}}]
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        response = post(client, json.dumps(body), content_type="application/reports+json")
    assert response.status_code == 204
    assert "effective-directive=script-src-elem" in caplog.text


@pytest.mark.parametrize("body", ["", "not json", "[]", '{"csp-report": "x"}', "[" * 3000 + "]" * 3000])
def test_malformed_reports_are_refused(client, body):
    assert post(client, body).status_code == 400


def test_oversized_report_is_refused_before_reading(client):
    body = json.dumps({"csp-report": {"blocked-uri": "x" * (MAX_BODY_BYTES + 10)}})
    assert post(client, body).status_code == 413


def test_only_post(client):
    assert client.get(URL).status_code == 405


def test_reports_are_limited_per_client(client, settings, caplog):
    settings.PORTAL_CSP_REPORTS_PER_MINUTE = 5
    body = json.dumps(REPORT)
    with caplog.at_level(logging.WARNING, logger="portal.csp"):
        statuses = [post(client, body).status_code for _ in range(8)]
        other = post(client, body, REMOTE_ADDR="192.0.2.7").status_code
    assert statuses == [204] * 5 + [429] * 3
    assert other == 204
    assert len([r for r in caplog.records if r.name == "portal.csp"]) == 6


def test_csp_report_is_not_an_authority_address():
    from django.core.exceptions import ValidationError

    from portal.slugs import validate_not_reserved

    with pytest.raises(ValidationError):
        validate_not_reserved("csp-report")
