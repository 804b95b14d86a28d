"""Mixed load on the production set-up of one machine (issue #17): `gunicorn -w 4` and two
`manage.py run_worker` processes with the production settings against one PostGIS database
and Redis (cache, rate-limit counters), for MIXED_LOAD_SECONDS (120 in the suite; a longer
run: MIXED_LOAD_SECONDS=300). Citizens read pages, tiles and GeoJSON and submit statements;
staff upload XPlanGML and request weighing-table exports, which the task workers make.

What must hold afterwards: no answer 5xx (nor 4xx: every request is one a browser would send)
and no connection error; every acknowledged statement is stored exactly once; every task the
load queued finished successfully within a grace period, and every statement with an e-mail
address got its receipt; every import made its plan with features; every export made its
file, which the staff member downloads. The figures
(requests per kind, rate, median, p95) are printed (`-s`), never asserted.

Its own database (`portal_mixedload_<random>`, dropped at the end) on the server of the
PostGIS run; skipped on SpatiaLite. docs/performance.md "Mixed load".
"""

import json
import os
import secrets
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from .client import Recorder
from .portal_processes import (
    REDIS_URL,
    ROOT,
    TASK_WORKERS,
    WEB_WORKERS,
    manage,
    manage_in_background,
    production_env,
    redis_database,
    running_portal,
    scratch_database,
)
from .scenario import EXPORT_EVERY, IMPORT_EVERY, Citizen, Outcome, Staff

pytestmark = pytest.mark.mixed_load

SECONDS = float(os.environ.get("MIXED_LOAD_SECONDS", "120"))
CITIZENS = 14  # plus two staff members: 16 clients
DRAIN_SECONDS = 240  # grace period for the task queue after the load


@dataclass
class Portal:
    env: dict
    port: int
    targets: dict
    database_url: str
    logs: Path


def portal_data(env: dict, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "tests.load.portal_data", *args], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def portal(tmp_path):
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("postgis"):
        pytest.skip("the mixed load runs against PostgreSQL/PostGIS and Redis, as production "
                    "does (the PostGIS pass of make test); SpatiaLite is not a production "
                    "database")
    redis = redis_database()
    if redis is None:
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    with scratch_database(database) as url:
        env = production_env(url, tmp_path / "media")
        redis.flushdb()  # this test's database number only
        try:
            collect = manage_in_background(env, "collectstatic", "--noinput", "-v", "0")
            manage(env, "migrate", "--noinput", "-v", "0")
            assert collect.wait(600) == 0, collect.stderr.read()[-3000:]
            targets = portal_data(env, "prepare")
            with running_portal(env, tmp_path) as (port, _processes):
                yield Portal(env, port, targets, url, tmp_path)
        finally:
            redis.flushdb()


def unfinished_tasks(database_url: str) -> int:
    url = database_url.replace("postgis://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING')").fetchone()[0]


def wait_for_the_queue(database_url: str) -> float:
    started = time.monotonic()
    while unfinished_tasks(database_url) and time.monotonic() - started < DRAIN_SECONDS:
        time.sleep(1)
    return time.monotonic() - started


def run_load(portal: Portal, recorder: Recorder, outcome: Outcome) -> tuple[float, list]:
    planner, admin = (Staff(portal.port, account, recorder, outcome, portal.targets)
                      for account in portal.targets["staff"])
    planner.sign_in()
    admin.sign_in()
    citizens = [Citizen(n, portal.port, portal.targets, recorder, outcome)
                for n in range(CITIZENS)]
    started = time.monotonic()
    until = started + SECONDS
    with ThreadPoolExecutor(max_workers=CITIZENS + 2) as pool:
        futures = [pool.submit(citizen.run, until) for citizen in citizens]
        futures.append(pool.submit(planner.run, planner.upload_xplan, IMPORT_EVERY, until))
        futures.append(pool.submit(admin.run, admin.request_export, EXPORT_EVERY, until))
        for future in futures:
            future.result()
    return time.monotonic() - started, [planner, admin]


def test_mixed_load_answers_without_errors_and_loses_nothing(portal):
    recorder = Recorder()
    outcome = Outcome(marker_prefix=f"Lasttest {secrets.token_hex(4)}")
    seconds, (planner, admin) = run_load(portal, recorder, outcome)
    drain_seconds = wait_for_the_queue(portal.database_url)
    left = portal_data(portal.env, "verify", outcome.marker_prefix)
    downloads = Counter()
    for job in outcome.exports:
        status, _headers, content = admin.browser.get("export download", f"{job}datei/")
        downloads[status == 200 and bool(content)] += 1

    stored = Counter(left["statements"])
    stored_markers = Counter()
    for text, count in stored.items():
        stored_markers[text.split(":", 1)[0]] += count
    lost = [m for m in outcome.acknowledged if stored_markers[m] == 0]
    duplicated = [m for m, count in stored_markers.items() if count > 1]
    imports = {f"/staff/xplan/{job['uid']}/": job for job in left["imports"]}
    exports = {f"/staff/abwaegung/export/{job['uid']}/": job for job in left["exports"]}
    print(f"\nMixed load: {SECONDS:.0f} s, gunicorn -w {WEB_WORKERS}, {TASK_WORKERS} task "
          f"workers, {CITIZENS} citizens + 2 staff (PostGIS, Redis)")
    print(recorder.summary(seconds))
    print(f"statements acknowledged {len(outcome.acknowledged)}, stored {sum(stored.values())}, "
          f"lost {len(lost)}, duplicated {len(duplicated)}; receipt e-mails due "
          f"{left['receipts']['due']}, sent {left['receipts']['sent']}")
    print(f"XPlanGML imports {len(outcome.imports)}, exports {len(outcome.exports)}; task "
          f"queue empty {drain_seconds:.1f} s after the load")
    print("tasks: " + ", ".join(f"{k}: {v}" for k, v in sorted(left["tasks"].items())))

    assert not recorder.failures, (f"{len(recorder.failures)} failed requests, e.g. "
                                   f"{recorder.failures[:10]}; logs in {portal.logs}")
    assert outcome.acknowledged and outcome.imports and outcome.exports
    assert not lost and not duplicated, f"lost: {lost[:10]}, duplicated: {duplicated[:10]}"
    assert left["receipts"]["sent"] == left["receipts"]["due"] > 0, left["receipts"]
    assert not unfinished_tasks(portal.database_url), "tasks still queued after the grace period"
    assert left["tasks"] and all(key.endswith(" SUCCESSFUL") for key in left["tasks"]), \
        left["tasks"]
    for job in outcome.imports:
        assert imports[job]["status"] == "done" and imports[job]["features"] > 0, imports[job]
    for job in outcome.exports:
        assert exports[job]["status"] == "done" and exports[job]["bytes"] > 0, exports[job]
    assert downloads == Counter({True: len(outcome.exports)})
