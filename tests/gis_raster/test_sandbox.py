"""The sandbox: no network, hardened GDAL, limits, errors crossing the process boundary."""

import os
import socket
import tempfile
import time
from pathlib import Path

import pytest

from gis import sandbox
from gis.errors import InputError
from gis.sandbox import SandboxFailure, network_isolation_prefix, run_sandboxed

PROBES = "tests.gis_raster.sandbox_probes."

needs_netns = pytest.mark.skipif(
    not network_isolation_prefix(), reason="unshare --net is not available on this machine"
)


@pytest.fixture(autouse=True)
def _allow_probes():
    names = (
        "environment",
        "connect",
        "sleep",
        "spin",
        "allocate",
        "refuse",
        "crash",
        "fail",
        "language",
    )
    with sandbox.allow_temporarily(*(PROBES + name for name in names)):
        yield


def run_probe(name: str, timeout_s: int = 20, memory_mb: int = 1024, cpu_s=None, **kwargs):
    return run_sandboxed(
        PROBES + name, kwargs, timeout_s=timeout_s, memory_mb=memory_mb, cpu_s=cpu_s
    )


def test_only_allowed_functions_run():
    with pytest.raises(ValueError, match="not allowed"):
        run_sandboxed("os.system", {"command": "true"}, timeout_s=5, memory_mb=256)
    with pytest.raises(ValueError, match="not allowed"):
        run_sandboxed(PROBES + "echo", {}, timeout_s=5, memory_mb=256)
    assert sandbox.is_allowed("gis.raster.ingest.make_cog")


def test_child_gdal_is_hardened_and_gets_no_secrets():
    seen = run_probe("environment", memory_mb=768)
    assert seen["vrt_driver"] is False
    assert seen["gtiff_driver"] is True
    assert "VRT" in seen["gdal_skip"].split()
    assert seen["curl_allowed"] == "/nonexistent-network-access-disabled"
    assert seen["readdir"] == "EMPTY_DIR"
    assert seen["pam"] == "NO"
    assert seen["proxy"] == "127.0.0.1:9"
    assert seen["rlimit_as"] == 768 * 1024 * 1024
    assert seen["rlimit_cpu"] == 20
    assert seen["secret_key_visible"] is False


def test_child_gdal_uses_one_thread_unless_the_caller_asks_for_more(monkeypatch):
    monkeypatch.setenv("GDAL_NUM_THREADS", "ALL_CPUS")  # the parent's setting does not count
    assert run_probe("environment")["gdal_threads"] == "1"
    seen = run_sandboxed(PROBES + "environment", {}, timeout_s=20, memory_mb=1024, threads=3)
    assert seen["gdal_threads"] == "3"
    with pytest.raises(ValueError):
        run_sandboxed(PROBES + "environment", {}, timeout_s=20, memory_mb=1024, threads=0)


def test_parent_environment_cannot_weaken_the_child(monkeypatch):
    monkeypatch.setenv("GDAL_SKIP", "")
    monkeypatch.setenv("CPL_VSIL_CURL_ALLOWED_FILENAME", "")
    seen = run_probe("environment")
    assert seen["vrt_driver"] is False
    assert seen["curl_allowed"] == "/nonexistent-network-access-disabled"


@needs_netns
def test_child_has_no_network(canary):
    reply = run_probe("connect", port=canary.port)
    assert reply["connected"] is False
    assert canary.connections == 0
    # Control: the same server is reachable from outside the sandbox.
    with socket.create_connection(("127.0.0.1", canary.port), timeout=5):
        pass
    for _ in range(100):
        if canary.connections:
            break
        time.sleep(0.05)
    assert canary.connections == 1


def test_input_error_round_trips_with_location():
    with pytest.raises(InputError) as caught:
        run_probe(
            "refuse",
            message="The world file has “x” where a number was expected.",
            location="line 3",
        )
    assert type(caught.value) is InputError
    assert caught.value.message == "The world file has “x” where a number was expected."
    assert caught.value.location == "line 3"


def test_wall_clock_timeout_is_enforced(isolated_tmp):
    with pytest.raises(SandboxFailure, match="could not be processed within the limits") as caught:
        run_probe("sleep", timeout_s=1, seconds=60)
    assert caught.value.reason == "timeout"
    assert os.listdir(isolated_tmp) == []


def test_cpu_limit_is_enforced():
    with pytest.raises(SandboxFailure, match="processor time") as caught:
        run_probe("spin", timeout_s=60, cpu_s=1, seconds=120)
    assert caught.value.reason == "cpu"


def test_memory_limit_is_enforced(isolated_tmp):
    with pytest.raises(SandboxFailure, match="more than 512 MB of memory") as caught:
        run_probe("allocate", memory_mb=512, megabytes=2048)
    assert caught.value.reason == "memory"
    assert os.listdir(isolated_tmp) == []


def test_crash_becomes_a_clear_input_error():
    with pytest.raises(SandboxFailure, match="could not be processed within the limits") as caught:
        run_probe("crash")
    assert caught.value.reason == "crash"
    assert isinstance(caught.value, InputError)


def test_unexpected_exception_is_reported_without_details():
    with pytest.raises(SandboxFailure) as caught:
        run_probe("fail")
    assert caught.value.reason == "error"
    assert "unexpected bug" not in str(caught.value)


def test_child_speaks_the_callers_language():
    from django.utils import translation

    with translation.override("de"):
        assert run_probe("language") == {"language": "de"}
        with pytest.raises(SandboxFailure) as caught:
            run_probe("crash")
    with translation.override("en"):
        assert run_probe("language") == {"language": "en"}
    # Messages made in the parent follow the caller's language too (whatever the catalogue has).
    with translation.override("de"):
        german = sandbox._limits_message("crash", {"timeout_s": 1, "cpu_s": 1, "memory_mb": 64})
    assert str(caught.value) == german


def test_orphaned_scratch_directories_are_swept(isolated_tmp):
    stale = isolated_tmp / (sandbox.SCRATCH_PREFIX + "stale")
    fresh = isolated_tmp / (sandbox.SCRATCH_PREFIX + "fresh")
    other = isolated_tmp / "not-ours"
    for directory in (stale, fresh, other):
        directory.mkdir()
        (directory / "x.tif").write_bytes(b"x")
    os.utime(stale, (0, 0))
    os.utime(other, (0, 0))
    assert sandbox.sweep_orphaned_scratch(older_than_s=3600) == 1
    assert sorted(p.name for p in isolated_tmp.iterdir()) == sorted([fresh.name, other.name])


def test_child_dies_with_its_parent(tmp_path):
    """A killed task worker leaves no conversion running (PR_SET_PDEATHSIG), and its orphaned
    scratch directory is swept later (SECURITY.md F5)."""
    import subprocess
    import sys

    script = (
        "import os, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.test')\n"
        "django.setup()\n"
        "from gis import sandbox\n"
        "with sandbox.allow_temporarily('tests.gis_raster.sandbox_probes.sleep'):\n"
        "    sandbox.run_sandboxed('tests.gis_raster.sandbox_probes.sleep', {'seconds': 60},\n"
        "                          timeout_s=60, memory_mb=512)\n"
    )
    parent_tmp = tmp_path / "parent-tmp"
    parent_tmp.mkdir()
    parent = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=sandbox.PROJECT_ROOT,
        env={**os.environ, "TMPDIR": str(parent_tmp)},
    )
    # The sandbox's child is the one started after its scratch directory exists: Django's
    # start-up may run short-lived children of its own first (seen on a loaded machine).
    child_pid = None
    for _ in range(600):
        scratch_ready = any(parent_tmp.glob(sandbox.SCRATCH_PREFIX + "*"))
        children = Path(f"/proc/{parent.pid}/task/{parent.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        if scratch_ready and pids:
            child_pid = int(pids[-1])
            break
        time.sleep(0.05)
    assert child_pid is not None, "the sandbox child did not start"
    time.sleep(0.5)  # let the child set PR_SET_PDEATHSIG
    parent.kill()
    parent.wait()
    for _ in range(200):
        if not Path(f"/proc/{child_pid}").exists():
            break
        status = Path(f"/proc/{child_pid}/status").read_text()
        if "State:\tZ" in status:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the sandbox child survived its parent")
    orphans = list(parent_tmp.iterdir())
    assert len(orphans) == 1 and orphans[0].name.startswith(sandbox.SCRATCH_PREFIX)
    tempfile_dir = tempfile.tempdir
    try:
        tempfile.tempdir = str(parent_tmp)
        assert sandbox.sweep_orphaned_scratch(older_than_s=-1) == 1
    finally:
        tempfile.tempdir = tempfile_dir
    assert list(parent_tmp.iterdir()) == []
