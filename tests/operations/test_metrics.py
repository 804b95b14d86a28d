"""/health/metrics (portal/operations/metrics.py): Prometheus text for a bearer token or an
allowed network, the portal's 404 for anyone else; requests by route name, never by path; the
task backlog computed at scrape time."""

import re

import pytest
from django.urls import resolve

from tests.factories import make_authority
from tests.worker import tasks

pytestmark = pytest.mark.django_db

TOKEN = "s3cret-metrics-token-for-tests"


@pytest.fixture(autouse=True)
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = []


def scrape(client) -> str:
    response = client.get("/health/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    return response.content.decode()


def sample(text: str, name: str, **labels) -> float:
    """The value of one sample; 0 when it is not there."""
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}\{{(.*)\}} (\S+)", line)
        if match and all(f'{key}="{value}"' in match[1] for key, value in labels.items()):
            return float(match[2])
    return 0.0


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", f"Basic {TOKEN}",
                                           f"Bearer {TOKEN}x"])
def test_without_the_token_it_is_the_portals_404(client, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = client.get("/health/metrics", **headers)
    assert response.status_code == 404
    assert b"portal_http_requests" not in response.content
    assert response["Content-Type"].startswith("text/html")


def test_no_token_and_no_network_configured_is_404_for_everyone(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/health/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_an_allowed_network_needs_no_token(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    assert client.get("/health/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/health/metrics", REMOTE_ADDR="192.0.2.1").status_code == 404


def test_the_network_is_judged_by_the_proxys_header_when_one_is_configured(client, settings):
    """Behind nginx every REMOTE_ADDR is the proxy's: the client's address decides."""
    settings.METRICS_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client.get("/health/metrics", REMOTE_ADDR="127.0.0.1",
                      HTTP_X_REAL_IP="198.51.100.4").status_code == 404
    assert client.get("/health/metrics", REMOTE_ADDR="127.0.0.1",
                      HTTP_X_REAL_IP="127.0.0.1").status_code == 200


def test_requests_are_counted_by_route_name_method_and_status_class(client):
    authority = make_authority()
    before = scrape(client)
    for _ in range(3):
        assert client.get(f"/{authority.slug}/").status_code == 200
    client.get("/no-such-authority-xyz/")
    after = scrape(client)
    # The route name of the authority page (the registry is per process: other tests' routes
    # are there too).
    name = resolve(f"/{authority.slug}/").view_name
    assert sample(after, "portal_http_requests_total", route=name, method="GET", status="2xx") \
        - sample(before, "portal_http_requests_total", route=name, method="GET",
                 status="2xx") == 3
    assert sample(after, "portal_http_requests_total", method="GET", status="4xx") >= 1
    assert sample(after, "portal_http_request_duration_seconds_count", route=name,
                  method="GET") >= 3
    # Bounded labels: no path, no slug of a visitor's choosing.
    assert authority.slug not in after and "no-such-authority-xyz" not in after


def test_unknown_methods_share_one_label(client):
    client.generic("BREW", "/")
    text = scrape(client)
    assert 'method="other"' in text and "BREW" not in text


def test_the_task_backlog_is_read_at_scrape_time(client):
    assert sample(scrape(client), "portal_tasks_ready", queue="default") == 0
    tasks.record.enqueue("a")
    tasks.record.enqueue("b")
    text = scrape(client)
    assert sample(text, "portal_tasks_ready", queue="default") == 2
    assert 'portal_tasks_oldest_ready_seconds{queue="default"}' in text
