"""What the production settings make of the operations variables (README "Configuration"):
replicas, sessions, log format, the order of the middleware. Each case loads the settings in a
process of its own; nothing connects to a database."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = r"""
import json
from django.conf import settings
print(json.dumps({
    "databases": {alias: {"host": db.get("HOST"), "max_age": db.get("CONN_MAX_AGE"),
                          "options": db.get("OPTIONS", {}).get("options"),
                          "no_cursors": db.get("DISABLE_SERVER_SIDE_CURSORS")}
                  for alias, db in settings.DATABASES.items()},
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
    "session_engine": settings.SESSION_ENGINE,
    "request_log": settings.PORTAL_REQUEST_LOG,
    "json_logs": settings.LOGGING["handlers"]["console"].get("formatter") == "json",
}))
"""


def production_settings(**environment) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DATABASE_", "DJANGO_", "SESSION_", "LOG_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgis://portal:pw@primary.internal:5432/portal", **environment}
    result = subprocess.run([sys.executable, "-c", PROGRAM], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_change_nothing():
    loaded = production_settings()
    assert list(loaded["databases"]) == ["default"]
    assert loaded["routers"] == []
    assert "portal.operations.replicas.ReplicaReadMiddleware" not in loaded["middleware"]
    assert loaded["session_engine"] == "portal.session_store"  # database sessions
    assert loaded["request_log"] is False and loaded["json_logs"] is False
    assert loaded["databases"]["default"]["no_cursors"] is False
    middleware = loaded["middleware"]
    assert middleware[0] == "portal.operations.middleware.OperationsMiddleware"
    assert middleware[1:3] == ["django.middleware.security.SecurityMiddleware",
                               "whitenoise.middleware.WhiteNoiseMiddleware"]


def test_replica_urls_become_aliases_with_the_primarys_connection_settings():
    loaded = production_settings(
        DATABASE_REPLICA_URL="postgis://portal:pw@replica1.internal:5432/portal,"
                             "postgis://portal:pw@replica2.internal:5432/portal")
    databases = loaded["databases"]
    assert list(databases) == ["default", "replica", "replica_2"]
    assert databases["replica"]["host"] == "replica1.internal"
    assert databases["replica_2"]["host"] == "replica2.internal"
    for alias in ("replica", "replica_2"):
        assert databases[alias]["max_age"] == 600
        assert databases[alias]["options"] == databases["default"]["options"]
    assert loaded["routers"] == ["portal.operations.replicas.ReplicaRouter"]
    middleware = loaded["middleware"]
    authentication = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert middleware[authentication + 1] == "portal.operations.replicas.ReplicaReadMiddleware"


def test_sessions_logs_and_pgbouncer_from_the_environment():
    loaded = production_settings(
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db", LOG_FORMAT="json",
        DATABASE_CONN_MAX_AGE="0", DATABASE_DISABLE_SERVER_SIDE_CURSORS="true")
    assert loaded["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert loaded["json_logs"] is True and loaded["request_log"] is True
    assert loaded["databases"]["default"]["max_age"] == 0
    assert loaded["databases"]["default"]["no_cursors"] is True
