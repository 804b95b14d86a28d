"""/health/live and /health/ready (portal/operations/health.py, docs/deploy.md "Health and
metrics"): JSON, 200 or 503, never cached, no cookie, no session; the readiness check reports
the database, the cache, pending migrations and the task backlog."""

from datetime import timedelta

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.worker import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def check_migrations_every_time(settings):
    settings.PORTAL_HEALTH_MIGRATIONS_SECONDS = 0


def test_live_answers_without_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert len(response["X-Request-ID"]) == 32


def test_ready_reports_database_cache_and_migrations(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok", "migrations": "ok"}
    assert body["tasks"] == {}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_ready_does_not_need_the_portal_host_or_https(client, settings):
    """A load balancer probes by address over plain HTTP."""
    settings.ALLOWED_HOSTS = ["portal.example"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/health/ready", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200


def test_ready_reports_the_task_backlog_and_its_age(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        tasks.record.enqueue("a")
        tasks.record.enqueue("b")
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        body = client.get("/health/ready").json()
    assert body["status"] == "ok"  # a backlog is reported, not a reason to take the server out
    assert body["tasks"]["default"]["ready"] == 2
    assert body["tasks"]["default"]["oldest_seconds"] == pytest.approx(300, abs=1)


def test_ready_is_503_when_the_cache_is_gone(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:9/0"}}
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"
    assert response.json()["status"] == "unavailable"
    assert response["Retry-After"] == "5"


def test_ready_is_503_while_a_migration_is_pending(client, settings):
    settings.MIGRATION_MODULES = {"sessions": "tests.operations.pending_migrations"}
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "pending"


def test_migrations_are_checked_at_most_once_per_interval(client, settings):
    settings.PORTAL_HEALTH_MIGRATIONS_SECONDS = 3600
    client.get("/health/ready")  # checked (or within the interval of an earlier check)
    settings.MIGRATION_MODULES = {"sessions": "tests.operations.pending_migrations"}
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/ready")
    assert response.status_code == 200  # the last outcome, not checked again
    assert not any("django_migrations" in query["sql"] for query in queries)


def test_ready_is_503_when_the_database_is_gone(client):
    def gone(execute, sql, params, many, context):
        raise OperationalError("the connection is closed")

    with connection.execute_wrapper(gone):
        response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "error"
    assert "tasks" not in body
    assert "closed" not in response.content.decode()  # the reason goes to the log only
