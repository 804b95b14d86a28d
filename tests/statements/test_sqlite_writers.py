"""Concurrent writers on the embedded SpatiaLite database get no "database is locked" 500
(issue #9, finding 5).

Real processes on a real database file (the test database of the suite lives in memory, where
SQLite locks differently): gunicorn with four worker processes, sixteen clients submitting
statements at once. Before the fix (deferred transactions) a transaction that read first and
then wrote could not get the write lock and failed at once with "database is locked".
"""

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from planning.statements.forms import rendered_token

from ..adversarial.test_database_outage import CSRF, free_port, post, start, stop, wait_for_http

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = 80
CLIENTS = 16

SETUP = """
from datetime import date
from planning.models import PrivacyNotice
from planning.services.phases import schedule_phase
from tests.factories import make_authority, make_plan, square
town = make_authority(name="Dateistadt", slug="dateistadt", ags="14612000",
                      jurisdiction=square(815_000, 5_650_000, 12_000))
plan = make_plan(town, area=square(820_000, 5_655_000, 400))
today = date.today()
schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(today.year - 1, 1, 1),
               end_date=date(today.year + 1, 12, 31))
PrivacyNotice.objects.create(authority=town, version=1, text="...")
print(f"/{town.slug}/plaene/{plan.uid}/stellungnahme/")
"""


@pytest.fixture
def spatialite_file(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite write lock is tested on SpatiaLite")
    env = {"DATABASE_URL": f"spatialite:///{tmp_path / 'portal.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return env


def manage(env, *args) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=os.environ | env,
                            capture_output=True, text=True, timeout=300, check=True)
    return result.stdout


def test_sixteen_concurrent_writers_get_no_database_is_locked(spatialite_file, tmp_path):
    env = spatialite_file
    manage(env, "migrate", "--noinput", "-v", "0")
    path = manage(env, "shell", "-c", SETUP).strip().splitlines()[-1]
    port = free_port()
    web = start([sys.executable, "-m", "gunicorn", "config.wsgi:application", "-b",
                 f"127.0.0.1:{port}", "-w", "4", "--timeout", "60"], os.environ | env,
                tmp_path / "web.log")
    try:
        wait_for_http(port)

        def submit(i: int) -> int:
            key = uuid.uuid4()
            status, _location = post(port, path, {
                "csrfmiddlewaretoken": CSRF, "idempotency_key": str(key),
                "rendered": rendered_token(key, at=time.time() - 60), "website": "",
                "text": f"Stellungnahme {i}", "anonymous": "yes",
                "email": f"person{i}@example.org", "privacy_accepted": "on"})
            return status

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            statuses = list(pool.map(submit, range(SUBMISSIONS)))
    finally:
        stop(web)
    log = (tmp_path / "web.log").read_text(errors="replace")
    assert "database is locked" not in log
    assert statuses == [302] * SUBMISSIONS, sorted(set(statuses))
    with sqlite3.connect(tmp_path / "portal.sqlite3") as db:
        stored = db.execute("SELECT count(*), count(DISTINCT reference) FROM planning_statement")
        assert stored.fetchone() == (SUBMISSIONS, SUBMISSIONS)
        queued = db.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult").fetchone()
        assert queued == (SUBMISSIONS,)  # one receipt task per statement, none lost
