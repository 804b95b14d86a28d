"""Read replicas (portal/operations/replicas.py): the cases in replica_cases.py run in a
process of their own with a replica alias that mirrors the test database
(tests/operations/replica_settings.py), so the suite's settings stay without one. On PostGIS
that run creates its own test database beside this run's."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_public_reads_go_to_the_replica_and_nothing_else_does():
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST_", "DJANGO_SETTINGS"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/operations/replica_cases.py", "-q",
         "-p", "no:cacheprovider", "--ds", "tests.operations.replica_settings",
         "--create-db", "-o", "addopts="],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "6 passed" in result.stdout
