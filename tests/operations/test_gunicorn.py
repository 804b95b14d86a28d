"""gunicorn with config/gunicorn.conf.py and the production settings (docs/deploy.md): a real
server on a free port, two workers, JSON logs and multi-process metrics. The readiness probe
answers 200 over plain HTTP by address although SSL redirects are on; the metrics add up the
requests of every worker; every line gunicorn and the portal write is a JSON object."""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.adversarial.gunicorn_server import free_port, manage, production_env

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "gunicorn-test-metrics-token"

pytestmark = pytest.mark.django_db


def database_url(tmp_path: Path, env: dict) -> str:
    """PostGIS: this run's test database (migrated, committed). SpatiaLite: a migrated file,
    in memory-backed /dev/shm where there is one (a migration per fsync is slow)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return (f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}")
    directory = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path
    path = directory / f"portal-gunicorn-{os.getpid()}-{tmp_path.name}.sqlite3"
    url = f"spatialite:///{path}"
    manage({**env, "DATABASE_URL": url}, "migrate", "-v0")
    return url


def get(port: int, path: str, **headers) -> tuple[int, bytes]:
    """One request, redirects not followed."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        client.request("GET", path, headers=headers)
        response = client.getresponse()
        return response.status, response.read()
    finally:
        client.close()


@pytest.fixture
def server(tmp_path):
    env = production_env(tmp_path / "unused.sqlite3")
    env["DATABASE_URL"] = database_url(tmp_path, env)
    port = free_port()
    env |= {"SECURE_SSL_REDIRECT": "True", "ALLOWED_HOSTS": "portal.example",
            "WEB_CONCURRENCY": "2", "GUNICORN_BIND": f"127.0.0.1:{port}",
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"), "METRICS_TOKEN": TOKEN,
            "CACHE_URL": "locmemcache://", "LOG_FORMAT": "json"}
    # A previous gunicorn's metrics (unreadable here) go; anything else in the directory stays.
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "counter_1.db").write_bytes(b"stale")
    (tmp_path / "metrics" / "notes.txt").write_text("not ours")
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield port, log, tmp_path / "metrics"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        if env["DATABASE_URL"].startswith("spatialite:///"):
            for file in Path(env["DATABASE_URL"].removeprefix("spatialite://")).parent.glob(
                    f"portal-gunicorn-{os.getpid()}-{tmp_path.name}.sqlite3*"):
                file.unlink()


def live_requests_counted(port: int) -> float:
    """/health/live requests in the metrics, all workers added up."""
    status, text = get(port, "/health/metrics", Authorization=f"Bearer {TOKEN}")
    assert status == 200
    return sum(float(value) for value in re.findall(
        r'^portal_http_requests_total\{[^}]*route="health-live"[^}]*\} (\S+)$',
        text.decode(), re.MULTILINE))


def test_gunicorn_serves_health_metrics_and_json_logs(server):
    port, log, metrics_dir = server
    up = False
    deadline = time.monotonic() + 90
    while not up and time.monotonic() < deadline:
        try:
            up = get(port, "/health/live")[0] == 200
        except OSError:
            time.sleep(0.3)
    assert up, log.read_text()[-3000:]

    status, body = get(port, "/health/ready", **{"X-Request-ID": "probe-000000001"})
    assert status == 200, body
    assert json.loads(body)["checks"] == {"database": "ok", "cache": "ok", "migrations": "ok"}
    # Everything else still redirects to HTTPS.
    assert get(port, "/", Host="portal.example")[0] == 301

    before = live_requests_counted(port)
    for _ in range(20):  # spread over both workers by the kernel
        assert get(port, "/health/live")[0] == 200
    assert live_requests_counted(port) - before == 20
    # No token: the request goes on like any other (here: the redirect to HTTPS).
    assert get(port, "/health/metrics", Host="portal.example")[0] == 301
    assert list(metrics_dir.glob("counter_*.db"))
    assert (metrics_dir / "notes.txt").read_text() == "not ours"

    lines = [line for line in log.read_text().splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    probe = [entry for entry in entries
             if entry["logger"] == "portal.request" and entry.get("request_id") == "probe-000000001"]
    assert probe and probe[0]["route"] == "health-ready" and probe[0]["status"] == 200
    assert any(entry["logger"] == "gunicorn.error" for entry in entries)
    assert "127.0.0.1" not in "".join(json.dumps(entry) for entry in entries
                                      if entry["logger"] == "portal.request")
