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

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", "postgis://portal:portal@127.0.0.1:5432/portal")


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


def report(title: str, floor_name: str, results: dict[str, float]) -> None:
    floor = results[floor_name]
    print(f"\n{title}")
    print(f"{'':38} {'median ms':>10} {'ratio':>8}")
    for name, seconds in results.items():
        print(f"{name:38} {seconds * 1000:10.2f} {seconds / floor:8.2f}")
