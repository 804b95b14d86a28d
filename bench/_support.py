"""Shared helpers of the benchmarks: a throw-away test database, timing, a ratio table.

Benchmarks report ratios against a floor measured side by side in the same run; they never
assert a time. Each measurement repeats the operation and keeps the median.
"""

import functools
import os
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgis://portal:portal@127.0.0.1:5432/portal")

ROOT = Path(__file__).resolve().parent.parent
#: The shared sample data (../shared next to the checkout, or PORTAL_SHARED_DIR, as the tests).
SHARED = Path(os.environ.get("PORTAL_SHARED_DIR") or ROOT.parent / "shared")


@functools.cache
def setup_django() -> None:
    """Once per process: `make bench` runs every module in one interpreter, and Django's
    setup_test_environment() refuses a second call."""
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()  # the test client's host, in-memory mail


@contextmanager
def bench_database():
    """Create the test database (migrated), yield, destroy it."""
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def measure(function: Callable[[], object], *, repeat: int = 15, warmup: int = 2) -> float:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def interleaved(functions: dict[str, Callable[[], object]], *, rounds: int,
                warmup: int = 1) -> dict[str, float]:
    """Medians of the functions run in turn, round after round, so that a burst of load on a
    shared machine hits all of them alike."""
    for _ in range(warmup):
        for function in functions.values():
            function()
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, floor_name: str, results: dict[str, float]) -> None:
    floor = results[floor_name]
    print(f"\n{title}")
    print(f"{'':38} {'median ms':>10} {'ratio':>8}")
    for name, seconds in results.items():
        print(f"{name:38} {seconds * 1000:10.2f} {seconds / floor:8.2f}")


# --- Write paths through gunicorn (bench.submissions, bench.open311, bench.surveys) -------------

CSRF = "b" * 32  # an unmasked CSRF secret, sent as cookie and field


#: The database-connection settings the write-path benchmarks compare: (label, CONN_MAX_AGE).
CONNECTION_SETTINGS = (("connections kept (600 s)", 600), ("new connection per request", 0))


def database_url(connection) -> str:
    """The URL of `connection`'s (test) database, for a gunicorn started on it."""
    from ._peers import database_url as url_of_settings

    return url_of_settings(connection.settings_dict)


def write_path_portal(url: str, tmp: str, max_age: int):
    """The portal under `gunicorn -w 2` (BENCH_WRITE_WORKERS for another count) on `url` with
    the test settings (whose SECRET_KEY signs what the benchmark prepares) and
    DATABASE_CONN_MAX_AGE=`max_age`; use it as a context manager, which stops it."""
    from ._peers import portal_gunicorn

    return portal_gunicorn(url, Path(tmp) / f"gunicorn-{max_age}.log",
                           settings="config.settings.test",
                           workers=int(os.environ.get("BENCH_WRITE_WORKERS", "2")),
                           DATABASE_CONN_MAX_AGE=str(max_age))


def post_form(port: int, path: str, fields: dict | list, *, cookie: str = "") -> tuple[int, str, bytes]:
    """POST form-encoded fields (with the CSRF cookie); (status, Location, body); status 0 when
    the connection failed."""
    from http.client import HTTPConnection
    from urllib.parse import urlencode

    http = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        http.request("POST", path, body=urlencode(fields, doseq=True), headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF}" + (f"; {cookie}" if cookie else ""),
            "Host": "127.0.0.1"})
        response = http.getresponse()
        return response.status, response.getheader("Location") or "", response.read()
    except OSError:
        return 0, "", b""
    finally:
        http.close()


def burst(clients: int, per_client: int, send: Callable[[int, int], tuple[str | None, int]],
          *, tries: int = 5) -> dict:
    """`clients` threads at once, each sending `per_client` items: `send(client, item)` returns
    (key, status), key None when the item was not acknowledged; then it is sent again (the same
    item, as a browser's retry), up to `tries` times. Returns the wall time, the acknowledged
    keys, the latencies of acknowledged items (from the first try) and the failed statuses."""
    import threading

    acknowledged, latencies, failures = [], [], []
    lock = threading.Lock()

    def client(number: int) -> None:
        for item in range(per_client):
            started = time.perf_counter()
            for _attempt in range(tries):
                key, status = send(number, item)
                with lock:
                    if key is not None:
                        acknowledged.append(key)
                        latencies.append(time.perf_counter() - started)
                    else:
                        failures.append(status)
                if key is not None:
                    break
                time.sleep(0.2)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"seconds": time.perf_counter() - started, "acknowledged": acknowledged,
            "latencies": latencies, "failures": failures}


def floor_inserts(connection, write_item: Callable[[object, int], None], items: int) -> dict:
    """What the database alone costs: `write_item(cursor, n)` sends one item's INSERTs through one
    psycopg connection (a new one, to the same database), in a transaction per item. Returns
    the wall time and the per-item latencies, in burst()'s shape."""
    import psycopg

    db = connection.settings_dict
    latencies = []
    with psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432,
                         user=db["USER"], password=db["PASSWORD"], dbname=db["NAME"]) as raw:
        started = time.perf_counter()
        for n in range(items):
            begun = time.perf_counter()
            with raw.transaction(), raw.cursor() as cursor:
                write_item(cursor, n)
            latencies.append(time.perf_counter() - begun)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "acknowledged": list(range(items)), "latencies": latencies,
            "failures": []}


WRITE_HEADER = (f"{'':40} {'per s':>7} {'median ms':>10} {'p95 ms':>8} {'retries':>8} "
                f"{'lost':>5} {'duplicated':>11}")


def write_row(label: str, result: dict, *, lost: int | str = "", duplicated: int | str = "",
              expected: int | None = None) -> None:
    """One line of a write-path table: items/s, median and p95 latency, retries, lost, duplicated."""
    latencies = sorted(result["latencies"]) or [0.0]
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    rate = len(result["acknowledged"]) / result["seconds"]
    print(f"{label:40} {rate:7.1f} {statistics.median(latencies) * 1000:10.1f} "
          f"{p95 * 1000:8.1f} {len(result['failures']):8d} {lost!s:>5} {duplicated!s:>11}")
    if expected is not None and len(result["acknowledged"]) < expected:
        print(f"  {expected - len(result['acknowledged'])} not acknowledged after all tries "
              f"(answers: {sorted(set(result['failures']))})")
