"""A database outage in the middle of a burst of submissions (issue #9, finding 4).

Real processes, real sockets: gunicorn serves the portal and `manage.py run_worker` sends the
receipts, both connected to PostGIS through a proxy this test controls (tcp_proxy.py). While
the burst is running, the proxy resets every connection and refuses new ones for a few seconds.
Clients retry whatever was not acknowledged with the same idempotency key, as the form does.

What must hold: every acknowledged submission is stored exactly once; a retry with the same key
returns the original receipt; the worker process survives and then sends every queued receipt,
each exactly once. The figures go to test-artifacts/database_outage.json (docs/security.md).

PostGIS only: SpatiaLite is a file, there is no connection to cut.
"""

import json
import os
import socket
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from email import message_from_bytes
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from planning.models import Statement
from planning.statements.forms import rendered_token

from ..statements.test_concurrency import open_plan  # noqa: F401  (fixture)
from .gunicorn_server import start_in_session as start
from .gunicorn_server import stop_session as stop
from .tcp_proxy import CuttableProxy

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgis_only(django_db_setup):
    if connection.vendor != "postgresql":
        pytest.skip("a database outage needs a database server behind a proxy (PostGIS); "
                    "SpatiaLite is a local file")

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = 60
CLIENTS = 6
OUTAGE_SECONDS = 4.0
CUT_AFTER = SUBMISSIONS // 3  # acknowledged submissions before the proxy cuts
CSRF = "a" * 32  # an unmasked CSRF secret, sent as cookie and field


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(port: int, path: str, fields: dict) -> tuple[int, str]:
    """(status, Location); status 0 when the connection itself failed."""
    body = urlencode(fields)
    http = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        http.request("POST", path, body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF}",
            "Host": "127.0.0.1"})
        response = http.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    except OSError:
        return 0, ""
    finally:
        http.close()


def wait_for_http(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            http = HTTPConnection("127.0.0.1", port, timeout=2)
            http.request("GET", "/")
            http.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


class Burst:
    def __init__(self, port: int, path: str, proxy: CuttableProxy):
        self.port, self.path, self.proxy = port, path, proxy
        self.lock = threading.Lock()
        self.acknowledged: dict[str, str] = {}  # idempotency key -> receipt location
        self.numbers: dict[str, int] = {}  # idempotency key -> submission number
        self.attempts: Counter = Counter()
        self.failed_attempts: Counter = Counter()
        self.outage_started = self.outage_ended = None

    def payload(self, i: int, key: str) -> dict:
        return {"csrfmiddlewaretoken": CSRF, "idempotency_key": key, "website": "",
                "rendered": rendered_token(key, at=time.time() - 60),
                "text": f"Stellungnahme Nummer {i} zum Bebauungsplan.", "anonymous": "yes",
                "email": f"person{i}@example.org", "privacy_accepted": "on"}

    def submit(self, i: int) -> None:
        key = str(uuid.uuid4())
        self.numbers[key] = i
        fields = self.payload(i, key)
        for _attempt in range(120):
            self.attempts[key] += 1
            status, location = post(self.port, self.path, fields)
            if status == 302 and "/stellungnahme/" in location:
                with self.lock:
                    self.acknowledged[key] = location
                    if len(self.acknowledged) == CUT_AFTER:
                        threading.Thread(target=self.outage, daemon=True).start()
                return
            self.failed_attempts[status] += 1
            time.sleep(0.25)

    def outage(self) -> None:
        self.outage_started = time.monotonic()
        self.proxy.cut()
        time.sleep(OUTAGE_SECONDS)
        self.proxy.restore()
        self.outage_ended = time.monotonic()


def mails_by_recipient(directory: Path) -> Counter:
    recipients = Counter()
    for path in directory.iterdir():
        raw = path.read_bytes()
        # the file backend writes one message per send, separated by a line of dashes
        for part in raw.split(b"\n" + b"-" * 79 + b"\n"):
            if part.strip():
                recipients[message_from_bytes(part.strip())["To"]] += 1
    return recipients


def test_outage_during_a_burst_loses_nothing_and_the_worker_recovers(open_plan, tmp_path,  # noqa: F811
                                                                     artifacts_dir):
    plan, _notice = open_plan
    db = connection.settings_dict
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    path = reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])
    with CuttableProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))) as proxy:
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "tests.adversarial.outage_settings",
            "DATABASE_URL": f"postgis://{db['USER']}:{db['PASSWORD']}@127.0.0.1:{proxy.port}/"
                            f"{db['NAME']}",
            "OUTAGE_MAIL_DIR": str(mail_dir), "PYTHONUNBUFFERED": "1"}
        port = free_port()
        web = start([sys.executable, "-m", "gunicorn", "config.wsgi:application", "-b",
                     f"127.0.0.1:{port}", "-w", "3", "--timeout", "60"], env,
                    tmp_path / "web.log")
        worker = start([sys.executable, "manage.py", "run_worker", "--queue-name", "*",
                        "--interval", "0.2", "--no-startup-delay"], env, tmp_path / "worker.log")
        try:
            wait_for_http(port)
            burst = Burst(port, path, proxy)
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
                list(pool.map(burst.submit, range(SUBMISSIONS)))
            burst_seconds = time.monotonic() - started

            # Retries of every acknowledged submission return the original receipt.
            replay_same = 0
            for key, location in burst.acknowledged.items():
                status, again = post(port, path, burst.payload(burst.numbers[key], key))
                replay_same += status == 302 and again == location

            # The worker survives and drains the queue.
            drain_started = time.monotonic()
            deadline = drain_started + 120
            while time.monotonic() < deadline:
                if not Statement.objects.filter(receipt_sent_at__isnull=True).exists() and \
                        not DBTaskResult.objects.filter(status__in=[
                            TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists():
                    break
                time.sleep(0.5)
            drain_seconds = time.monotonic() - drain_started
            worker_alive = worker.poll() is None
        finally:
            stop(web)
            stop(worker)
    worker_log = (tmp_path / "worker.log").read_text(errors="replace")
    mails = mails_by_recipient(mail_dir)
    statements = list(Statement.objects.values_list("idempotency_key", "uid", "email"))
    figures = {
        "submissions": SUBMISSIONS, "clients": CLIENTS, "outage_seconds": OUTAGE_SECONDS,
        "acknowledged": len(burst.acknowledged), "stored": len(statements),
        "requests": sum(burst.attempts.values()),
        "failed_requests": dict(burst.failed_attempts),
        "submissions_retried": sum(1 for n in burst.attempts.values() if n > 1),
        "most_attempts_of_one_submission": max(burst.attempts.values()),
        "replays_returning_the_original_receipt": replay_same,
        "connections_cut": proxy.connections_cut, "connections_refused": proxy.connections_refused,
        "worker_alive": worker_alive,
        "worker_outages_logged": worker_log.count("Database unavailable"),
        "receipts_sent": sum(mails.values()), "receipt_recipients": len(mails),
        "most_receipts_to_one_address": max(mails.values(), default=0),
        "burst_seconds": round(burst_seconds, 1), "drain_seconds": round(drain_seconds, 1),
    }
    (artifacts_dir / "database_outage.json").write_text(json.dumps(figures, indent=2))

    # The outage really hit both sides.
    assert proxy.connections_cut + proxy.connections_refused > 0
    assert sum(burst.failed_attempts.values()) > 0, figures
    # Refused while the database was gone: 503 with Retry-After (or no connection), never 500.
    assert 500 not in burst.failed_attempts, figures
    assert figures["worker_outages_logged"] > 0, worker_log[-3000:]
    # Every submission was acknowledged in the end and is stored exactly once.
    assert len(burst.acknowledged) == SUBMISSIONS, figures
    keys = Counter(str(key) for key, _uid, _email in statements)
    assert set(keys) == set(burst.acknowledged) and set(keys.values()) == {1}, figures
    by_key = {str(key): str(uid) for key, uid, _email in statements}
    assert all(by_key[key] in location for key, location in burst.acknowledged.items())
    assert replay_same == SUBMISSIONS, figures
    # The worker survived and sent every receipt exactly once.
    assert worker_alive, worker_log[-3000:]
    assert set(mails) == {email for _key, _uid, email in statements}, figures
    assert figures["most_receipts_to_one_address"] == 1, figures
    assert not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
