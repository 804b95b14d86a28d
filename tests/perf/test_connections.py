"""Persistent database connections of the production settings (docs/performance.md).

A separate process loads config.settings.production and plays requests the way Django's
handler does (request_started, a query, request_finished): with the default a worker keeps its
connection from one request to the next; with DATABASE_CONN_MAX_AGE=0 every request opens a new
one; and a kept PostgreSQL connection that the server dropped between two requests is noticed
by the health check and replaced, so the next request succeeds. JIT and parallel plans
are off on PostgreSQL unless asked for.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

PROGRAM = r"""
import json, sys
import django
django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection

postgres = connection.vendor == "postgresql"
seen, answers = [], []

def request(sql):
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        answers.append(cursor.fetchone()[0])
    seen.append(connection.connection)  # kept alive: identities cannot be reused
    request_finished.send(sender=None)

request("SELECT pg_backend_pid()" if postgres else "SELECT 1")
if postgres and sys.argv[1] == "drop":
    import psycopg
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"],
                         password=db["PASSWORD"], dbname=db["NAME"], autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [answers[0]])
request("SHOW jit" if postgres else "SELECT 1")
request("SHOW max_parallel_workers_per_gather" if postgres else "SELECT 1")
print(json.dumps({"same": seen[0] is seen[1], "jit": answers[1] if postgres else None,
                  "parallel": answers[2] if postgres else None,
                  "max_age": connection.settings_dict["CONN_MAX_AGE"]}))
"""


def run_requests(tmp_path, *, mode="keep", **environment) -> dict:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        url = (f"postgis://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
               f"{db['PORT'] or 5432}/{db['NAME']}")
    else:
        url = f"spatialite:///{tmp_path / 'connections.sqlite3'}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("DATABASE_")}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.production", "DATABASE_URL": url,
            "SECRET_KEY": "connections-test", **environment}
    result = subprocess.run([sys.executable, "-c", PROGRAM, mode], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_keeps_the_connection_between_requests(tmp_path):
    outcome = run_requests(tmp_path)
    assert outcome["max_age"] == 600
    assert outcome["same"] is True


def test_conn_max_age_zero_opens_a_connection_per_request(tmp_path):
    outcome = run_requests(tmp_path, DATABASE_CONN_MAX_AGE="0")
    assert outcome["same"] is False


def test_a_dropped_connection_is_replaced_before_the_next_request(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SpatiaLite is a local file: there is no server to drop the connection")
    outcome = run_requests(tmp_path, mode="drop")
    assert outcome["same"] is False  # the health check noticed and reconnected


def test_jit_and_parallel_plans_are_off_unless_asked_for(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("JIT and parallel plans are PostgreSQL's")
    default = run_requests(tmp_path)
    assert (default["jit"], default["parallel"]) == ("off", "0")
    asked = run_requests(tmp_path, DATABASE_JIT="on", DATABASE_PARALLEL_WORKERS="2")
    assert (asked["jit"], asked["parallel"]) == ("on", "2")
