"""Prometheus metrics at /health/metrics (docs/deploy.md "Metrics").

Requests are counted and timed by route name (the URL pattern's name, never the raw path: the
number of label values stays bounded), method and status class. The task queue's backlog is
read from the database when the metrics are scraped.

Several gunicorn workers: with PROMETHEUS_MULTIPROC_DIR set (an empty directory, emptied
before gunicorn starts) every worker writes its values there and a scrape, answered by any
worker, adds them up; config/gunicorn.conf.py removes a dead worker's live gauges. Without it
the values are those of the process that answers.

Access: a request with `Authorization: Bearer <METRICS_TOKEN>`, or from an address in
METRICS_ALLOWED_NETWORKS (the client address as the rate limits see it); anyone else gets a
404 (the portal's page for an unknown address).
"""

import hmac
import ipaddress
import os
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from portal.operations.task_queue import backlog
from portal.throttling import client_ip

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

# Not registered anywhere: each scrape builds its registry (below).
REQUESTS = Counter("portal_http_requests", "HTTP requests answered",
                   ["route", "method", "status"], registry=None)
LATENCY = Histogram("portal_http_request_duration_seconds",
                    "Time until the response was returned to the server",
                    ["route", "method"], registry=None,
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))


def observe(*, route: str, method: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "other"
    REQUESTS.labels(route=route, method=method, status=f"{status // 100}xx").inc()
    LATENCY.labels(route=route, method=method).observe(seconds)


class TaskQueueCollector:
    """Gauges computed at scrape time: ready tasks and the age of the oldest, per queue."""

    def collect(self):
        ready = GaugeMetricFamily("portal_tasks_ready", "Tasks waiting to run now", labels=["queue"])
        oldest = GaugeMetricFamily("portal_tasks_oldest_ready_seconds",
                                   "Age of the oldest task waiting to run", labels=["queue"])
        for queue, numbers in backlog().items():
            ready.add_metric([queue], numbers["ready"])
            oldest.add_metric([queue], numbers["oldest_seconds"])
        yield ready
        yield oldest


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=True)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(TaskQueueCollector())
    return registry


@cache
def _networks(configured: tuple[str, ...]):
    return tuple(ipaddress.ip_network(network, strict=False) for network in configured)


def allowed(request) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    given = request.META.get("HTTP_AUTHORIZATION", "")
    if token and given.startswith("Bearer ") and hmac.compare_digest(
            given.removeprefix("Bearer ").encode(), token.encode()):
        return True
    networks = _networks(tuple(getattr(settings, "METRICS_ALLOWED_NETWORKS", ())))
    if not networks:
        return False
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in networks)


def metrics(request) -> HttpResponse | None:
    """None for a client without access: the request then goes on like any other and meets
    the portal's own 404 page."""
    if not allowed(request):
        return None
    response = HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
