"""`python -m bench` (make bench) runs every module even when one fails, and says so."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_bench(*modules: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bench", *modules], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_a_failing_module_does_not_stop_the_rest_and_the_run_exits_non_zero():
    result = run_bench("no_such_benchmark", "_support", "another_missing")
    assert result.returncode == 1
    # The module after the first failure still ran, and every failure is named.
    assert "== _support" in result.stdout
    assert "-- _support:" in result.stdout
    assert "-- another_missing:" in result.stdout
    assert "ModuleNotFoundError" in result.stderr
    assert "Failed: no_such_benchmark, another_missing" in result.stderr


def test_a_run_without_failures_exits_zero():
    result = run_bench("_support")
    assert result.returncode == 0, result.stderr
    assert "Failed" not in result.stderr
