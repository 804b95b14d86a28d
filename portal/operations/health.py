"""Liveness and readiness for load balancers and orchestrators (docs/deploy.md "Health").

`/health/live`: the process answers; nothing else is touched (no database, no cache).
`/health/ready`: every configured database answers a `SELECT 1`, the cache stores and returns a
value, and no migration is pending (once all are applied, checked again at most once per
PORTAL_HEALTH_MIGRATIONS_SECONDS per process: loading the migration graph costs more than the
other checks together). The task
queue's backlog (ready tasks and the age of the oldest) is reported, never decisive: a slow
worker is no reason to take an app server out of the balancer.

Both answer JSON, 200 or 503, with `Cache-Control: no-store`; neither says more than "ok" or
"error" about a failing dependency (the reason goes to the log).
"""

import logging
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

from portal.operations.task_queue import backlog

logger = logging.getLogger(__name__)

#: Per process: (monotonic time of the check, its outcome).
_migrations_checked: dict[str, tuple[float, str]] = {}


def _no_store(response: JsonResponse) -> JsonResponse:
    response["Cache-Control"] = "no-store"
    return response


def live(request) -> JsonResponse:
    return _no_store(JsonResponse({"status": "ok"}))


def _database(alias: str) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("Readiness: database %s is not reachable", alias, exc_info=True)
        # A broken connection must not be reused by the next check.
        connections[alias].close_if_unusable_or_obsolete()
        return "error"
    return "ok"


def _cache() -> str:
    key = f"portal:health:{os.getpid()}"
    try:
        cache.set(key, "1", timeout=30)
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not return the value it stored")
    except Exception:
        logger.warning("Readiness: the cache is not reachable", exc_info=True)
        return "error"
    return "ok"


def _migrations() -> str:
    interval = getattr(settings, "PORTAL_HEALTH_MIGRATIONS_SECONDS", 60)
    checked = _migrations_checked.get(DEFAULT_DB_ALIAS)
    if checked and time.monotonic() - checked[0] < interval:
        return checked[1]
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        outcome = "pending" if plan else "ok"
    except Exception:
        logger.warning("Readiness: the migrations could not be checked", exc_info=True)
        outcome = "error"
    if outcome == "ok":  # pending or failing: checked again at the next probe
        _migrations_checked[DEFAULT_DB_ALIAS] = (time.monotonic(), outcome)
    return outcome


def ready(request) -> JsonResponse:
    checks = {f"database:{alias}" if alias != DEFAULT_DB_ALIAS else "database": _database(alias)
              for alias in settings.DATABASES}
    checks["cache"] = _cache()
    checks["migrations"] = _migrations() if checks["database"] == "ok" else "error"
    healthy = all(outcome == "ok" for outcome in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    if checks["database"] == "ok":
        body["tasks"] = backlog()
    response = JsonResponse(body, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = "5"
    return _no_store(response)
