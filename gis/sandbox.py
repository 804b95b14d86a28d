"""Run an operation on an untrusted file in a locked-down child process.

GDAL and the image codecs are large C code bases that parse hostile bytes (SECURITY.md, upload
pipeline). Whatever they do wrong stays in a child that:

* is a fresh interpreter (`python -m gis.sandbox_worker`) with a minimal environment: the
  hardened GDAL options (GDAL_SKIP incl. VRT, CPL_VSIL_CURL_ALLOWED_FILENAME, proxies to a closed
  port, no sibling probing, no PAM side-cars) are set before libgdal loads, which is the only
  time GDAL_SKIP counts (SECURITY.md E6/E7); no secrets, no database settings are passed;
* runs in a new, empty network namespace (`unshare -n`: not even loopback is up), when this
  machine allows it (detected once, with a logged warning when not; SECURITY.md E8);
* limits itself with RLIMIT_AS (memory), RLIMIT_CPU, RLIMIT_FSIZE and no core dumps before it
  reads its job, and is killed with its process group when the wall-clock timeout passes;
* gets its job and returns its result as JSON on stdin/stdout, and runs only functions on the
  allow-list below.

An InputError raised in the child arrives here as an InputError with the same message and
location (already translated in the caller's language). A timeout, a limit or a crash arrives as
a SandboxFailure, an InputError whose message says the file could not be processed within the
limits.
"""

import contextlib
import functools
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .errors import InputError
from .gdal_environment import HARDENED_OPTIONS

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WORKER_MODULE = "gis.sandbox_worker"

#: Dotted paths of the functions the sandbox may run. Nothing else, whatever the caller passes.
ALLOWED_FUNCTIONS = frozenset(
    {
        "gis.raster.ingest.make_cog",
        # Repairs of invalid geometries in bounded time (gis/geometry_repair.py).
        "gis.geometry_repair_child.repair_wkb_file",
        # XPlanGML uploads (planning/xplan_import/reading.py).
        "planning.xplan_import.sandboxed_read.read_to_json",
    }
)
_temporarily_allowed: set[str] = set()

#: Largest JSON reply read back from the child.
MAX_RESULT_BYTES = 1024 * 1024
#: Tail of the child's stderr kept for the log.
STDERR_TAIL_BYTES = 8192
#: Extra wall-clock seconds granted for interpreter start-up, not counted against timeout_s.
STARTUP_GRACE_S = 2
#: Prefix of the per-job scratch directories in the system temp directory.
SCRATCH_PREFIX = "sandbox-"


class SandboxFailure(InputError):
    """The child did not finish normally: timeout, memory/CPU/file-size limit or crash.

    `reason` is one of "timeout", "memory", "cpu", "file_size", "crash", "error"; callers may
    use it to decide on a retry (a timeout on a busy machine) versus a final refusal.
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@contextlib.contextmanager
def allow_temporarily(*function_paths: str):
    """Allow extra functions inside the block (for tests; cf. wagtail's register_temporarily)."""
    added = [path for path in function_paths if path not in _temporarily_allowed]
    _temporarily_allowed.update(added)
    try:
        yield
    finally:
        _temporarily_allowed.difference_update(added)


def is_allowed(function_path: str) -> bool:
    return function_path in ALLOWED_FUNCTIONS or function_path in _temporarily_allowed


@functools.cache
def network_isolation_prefix() -> tuple[str, ...]:
    """The command prefix that starts the child without network, or () when none works here.

    `unshare --net` needs CAP_SYS_ADMIN (root); without it, an unprivileged user namespace
    (`--map-root-user`) may still be allowed. Detected once per process.
    """
    unshare = shutil.which("unshare") or next(
        (p for p in ("/usr/bin/unshare", "/bin/unshare") if os.path.exists(p)), None
    )
    true = shutil.which("true") or "/bin/true"
    if unshare:
        for prefix in ((unshare, "--net"), (unshare, "--net", "--map-root-user")):
            try:
                probe = subprocess.run(  # noqa: S603 (fixed argument list)
                    [*prefix, true], capture_output=True, timeout=10, check=False
                )
            except (OSError, subprocess.SubprocessError):
                continue
            if probe.returncode == 0:
                return prefix
    logger.warning(
        "gis.sandbox: no network namespace available (unshare --net failed); untrusted files "
        "are parsed without network isolation, relying on GDAL's configuration only."
    )
    return ()


def _require_isolation() -> bool:
    return bool(getattr(settings, "PORTAL_SANDBOX_REQUIRE_NETWORK_ISOLATION", False))


def child_environment(scratch: Path, *, memory_mb: int, threads: int = 1) -> dict[str, str]:
    """The complete environment of the child: nothing inherited but paths to data files."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(scratch),
        "TMPDIR": str(scratch),
        "CPL_TMPDIR": str(scratch),
        # glibc reserves 64 MB of address space per malloc arena; RLIMIT_AS counts it.
        "MALLOC_ARENA_MAX": "2",
        "PROJ_NETWORK": "OFF",
        "GDAL_VRT_ENABLE_PYTHON": "NO",
        # GDAL's block cache in MB; the default (5 % of RAM) would exceed a small RLIMIT_AS.
        "GDAL_CACHEMAX": str(max(16, memory_mb // 4)),
        # Threads of GDAL's own pool (warping, overviews); 1 unless the caller asks for more.
        "GDAL_NUM_THREADS": str(threads),
        "CPL_DEBUG": "OFF",
    }
    for key in ("GDAL_DATA", "PROJ_DATA", "PROJ_LIB"):
        if os.environ.get(key):
            env[key] = os.environ[key]
    # Forced, not defaults: the parent's environment cannot weaken the child's.
    env.update(HARDENED_OPTIONS)
    return env


def _job(function_path: str, kwargs: dict) -> bytes:
    language = translation.get_language() or settings.LANGUAGE_CODE
    locale_paths = [str(p) for p in getattr(settings, "LOCALE_PATHS", [])]
    gis_locale = PROJECT_ROOT / "gis" / "locale"
    if gis_locale.is_dir():
        locale_paths.append(str(gis_locale))
    job = {
        "function": function_path,
        "kwargs": kwargs,
        "language": language,
        "languages": [list(pair) for pair in settings.LANGUAGES],
        "locale_paths": locale_paths,
    }
    return json.dumps(job, default=os.fspath).encode()


def _limits_message(reason: str, limits: dict) -> str:
    details = {
        "timeout": _("it took longer than %(seconds)d seconds") % {"seconds": limits["timeout_s"]},
        "cpu": _("it needed more than %(seconds)d seconds of processor time")
        % {"seconds": limits["cpu_s"]},
        "memory": _("it needed more than %(mb)d MB of memory") % {"mb": limits["memory_mb"]},
        "file_size": _("it produced too much data"),
        "crash": _("the reader stopped unexpectedly"),
        "error": _("the reader failed unexpectedly"),
    }
    return _(
        "The file could not be processed within the limits: %(detail)s. It may be damaged, too "
        "large or too complex; try a smaller or simpler file, or save it again with another program."
    ) % {"detail": details[reason]}


def _stderr_tail(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - STDERR_TAIL_BYTES))
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _reason_from_signal(returncode: int) -> str:
    signum = -returncode
    if signum == signal.SIGXCPU:
        return "cpu"
    if signum == signal.SIGXFSZ:
        return "file_size"
    return "crash"


def run_sandboxed(
    function_path: str,
    kwargs: dict,
    *,
    timeout_s: int,
    memory_mb: int,
    cpu_s: int | None = None,
    file_size_mb: int = 4096,
    threads: int = 1,
) -> dict:
    """Run `function_path(**kwargs)` in the sandbox and return its (JSON) result.

    `timeout_s` bounds the wall-clock time, `cpu_s` (default: timeout_s) the processor time
    of all the child's threads together, `memory_mb` the address space and `file_size_mb` any
    single file the child writes. `threads` sets GDAL_NUM_THREADS in the child.

    Raises InputError (bad file, message from the child) or SandboxFailure (limits, crash).
    Raises ValueError for a function that is not on the allow-list: that is a programming error.
    """
    if not is_allowed(function_path):
        raise ValueError(f"{function_path!r} is not allowed to run in the sandbox")
    cpu_s = cpu_s or timeout_s
    if timeout_s < 1 or cpu_s < 1 or memory_mb < 64 or threads < 1:
        raise ValueError("the sandbox needs timeout_s >= 1, cpu_s >= 1, memory_mb >= 64 and "
                         "threads >= 1")
    limits = {"timeout_s": timeout_s, "cpu_s": cpu_s, "memory_mb": memory_mb, "threads": threads}
    prefix = network_isolation_prefix()
    if not prefix and _require_isolation():
        raise RuntimeError(
            "PORTAL_SANDBOX_REQUIRE_NETWORK_ISOLATION is set, but unshare --net does not work here"
        )
    job = _job(function_path, kwargs)
    scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
    try:
        return _run(job, scratch, prefix, limits, file_size_mb, function_path)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run(job, scratch, prefix, limits, file_size_mb, function_path) -> dict:
    timeout_s, memory_mb = limits["timeout_s"], limits["memory_mb"]
    command = [
        *prefix,
        sys.executable,
        "-E",  # ignore PYTHON* variables
        "-s",  # no user site-packages
        "-B",  # write no .pyc files
        "-m",
        WORKER_MODULE,
        f"--memory-mb={memory_mb}",
        f"--cpu-seconds={limits['cpu_s']}",
        f"--file-size-mb={file_size_mb}",
    ]
    stderr_path = scratch / "stderr.log"
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(  # noqa: S603 (fixed command, no shell)
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=PROJECT_ROOT,
            env=child_environment(scratch, memory_mb=memory_mb, threads=limits["threads"]),
            start_new_session=True,  # own process group: killed as a whole on timeout
            close_fds=True,
        )
        try:
            reply, _unused = process.communicate(job, timeout=timeout_s + STARTUP_GRACE_S)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            logger.warning("gis.sandbox: %s timed out after %d s", function_path, timeout_s)
            raise SandboxFailure(_limits_message("timeout", limits), reason="timeout") from None
        finally:
            _kill_group(process)
    return _interpret(process.returncode, reply, stderr_path, limits, function_path)


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the child's process group (anything it started) and reap the child.

    Only while the child is not yet reaped: until then its pid, which is also the group id
    (start_new_session), cannot have been reused by an unrelated process.
    """
    if process.returncode is not None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def _parse_reply(raw: bytes) -> dict | None:
    if not raw or len(raw) > MAX_RESULT_BYTES:
        return None
    try:
        reply = json.loads(raw)
    except ValueError:
        return None
    return reply if isinstance(reply, dict) else None


def _interpret(returncode, raw_reply, stderr_path, limits, function_path) -> dict:
    reply = _parse_reply(raw_reply) if returncode == 0 else None
    status = reply.get("status") if reply else None
    if status == "ok":
        return reply["result"]
    if status == "input_error":
        raise InputError(str(reply.get("message", "")), location=reply.get("location"))
    if status == "limit":
        reason = reply.get("reason") if reply.get("reason") in ("memory", "file_size") else "memory"
    elif returncode < 0:
        reason = _reason_from_signal(returncode)
    elif status == "error":
        reason = "error"
    else:
        reason = "crash"
    logger.log(
        logging.WARNING if reason in ("memory", "cpu", "file_size") else logging.ERROR,
        "gis.sandbox: %s failed (%s, exit status %s): %s",
        function_path,
        reason,
        returncode,
        _stderr_tail(stderr_path),
    )
    raise SandboxFailure(_limits_message(reason, limits), reason=reason)


def sweep_orphaned_scratch(*, older_than_s: int = 6 * 3600) -> int:
    """Remove scratch directories left by a parent that was killed (SECURITY.md F5).

    run_sandboxed removes its scratch directory itself, also on timeouts and crashes; only a
    SIGKILLed parent leaves one behind. Run this from a periodic task; returns the number removed.
    """
    root = Path(tempfile.gettempdir())
    cutoff = time.time() - older_than_s
    removed = 0
    for path in root.glob(SCRATCH_PREFIX + "*"):
        try:
            if path.is_dir() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed
