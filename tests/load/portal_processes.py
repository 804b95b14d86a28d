"""The portal as production runs it, on this machine, for the mixed-load test: a throw-away
PostgreSQL database, a Redis database number of its own, `gunicorn -w 4` and two
`manage.py run_worker` processes, all started here and all stopped and reaped here."""

import os
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager
from http.client import HTTPConnection
from pathlib import Path

from ..adversarial.gunicorn_server import Gunicorn, free_port, start_in_session, stop_session

ROOT = Path(__file__).resolve().parents[2]
WEB_WORKERS = 4
TASK_WORKERS = 2
REDIS_URL = os.environ.get("MIXED_LOAD_REDIS_URL", "redis://127.0.0.1:6379/7")


def _admin_connection(database: dict):
    import psycopg

    return psycopg.connect(host=database["HOST"] or "127.0.0.1", port=database["PORT"] or 5432,
                           user=database["USER"], password=database["PASSWORD"],
                           dbname="postgres", autocommit=True)


@contextmanager
def scratch_database(database: dict):
    """Create `portal_mixedload_<random>` on the server of `database` (the suite's PostGIS),
    yield its postgis:// URL, drop it (also with connections still open)."""
    name = f"portal_mixedload_{secrets.token_hex(4)}"
    with _admin_connection(database) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = (f"postgis://{database['USER']}:{database['PASSWORD']}@"
           f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}")
    try:
        yield url
    finally:
        with _admin_connection(database) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_database():
    """The Redis database of this test (a client of redis-py), or None when Redis does not
    answer."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError:
        return None
    return client


def production_env(database_url: str, media_root: Path) -> dict[str, str]:
    """config.settings.production with the settings of a real installation behind a TLS proxy
    that sets X-Real-IP (so every simulated citizen has an address of their own and the
    documented rate limits stay on, unchanged)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST_", "CACHE_", "EMAIL_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "CACHE_URL": REDIS_URL,
        # Sessions as several app servers keep them (docs/deploy.md): in Redis, written
        # through to the database.
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
        "SECRET_KEY": "mixed-load-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "MEDIA_ROOT": str(media_root),
        "EMAIL_URL": "dummymail://",
        "PORTAL_BASEMAP_URL": "",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def manage(env: dict, *args: str, timeout: float = 600) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}"
    return result.stdout


def manage_in_background(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _answers(port: int) -> bool:
    http = HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        http.request("GET", "/", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        return http.getresponse().status < 500
    except OSError:
        return False
    finally:
        http.close()


@contextmanager
def running_portal(env: dict, logs: Path, *, ready_seconds: float = 120):
    """gunicorn -w 4 and two task workers; yields the port once every web worker is up and
    the portal answers. Everything started here is stopped and reaped, whatever happens."""
    port = free_port()
    processes = [start_in_session([sys.executable, "-m", "gunicorn", "config.wsgi:application",
                         "--workers", str(WEB_WORKERS), "--bind", f"127.0.0.1:{port}",
                         "--timeout", "120", "--log-level", "warning"],
                        env, logs / "gunicorn.log")]
    try:
        for number in range(1, TASK_WORKERS + 1):
            processes.append(start_in_session(
                [sys.executable, "manage.py", "run_worker", "--queue-name", "*",
                 "--worker-id", f"mixed-load-{number}", "--interval", "0.5",
                 "--no-startup-delay"], env, logs / f"worker-{number}.log"))
        web = Gunicorn(processes[0], port)
        deadline = time.monotonic() + ready_seconds
        while not (len(web.workers()) == WEB_WORKERS and _answers(port)):
            for process in processes:
                assert process.poll() is None, f"a process ended at start, see {logs}"
            assert time.monotonic() < deadline, f"the portal did not start, see {logs}"
            time.sleep(0.25)
        yield port, processes
    finally:
        for process in processes:
            stop_session(process)
