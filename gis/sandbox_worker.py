"""The child side of gis.sandbox: limit this process, run one function, reply in JSON.

Started only by gis.sandbox.run_sandboxed, as `python -m gis.sandbox_worker --memory-mb=N
--cpu-seconds=N --file-size-mb=N`, with the job on stdin:

    {"function": "gis.raster.ingest.make_cog", "kwargs": {...}, "language": "de",
     "languages": [["de", "Deutsch"], ...], "locale_paths": ["/.../locale"]}

and one JSON reply on stdout:

    {"status": "ok", "result": ...}
    {"status": "input_error", "message": "...", "location": "..." | null}
    {"status": "limit", "reason": "memory" | "file_size"}
    {"status": "error", "type": "RuntimeError"}          (details on stderr)

The resource limits are applied before the job is even read. File descriptor 1 is then pointed
at stderr, so that nothing a C library prints can corrupt the reply; the reply goes to a private
duplicate of the original stdout. Only the standard library is imported before the limits.
"""

import argparse
import ctypes
import errno
import importlib
import json
import os
import resource
import signal
import sys
import traceback

MB = 1024 * 1024
MAX_JOB_BYTES = 1024 * 1024


def apply_limits(*, memory_mb: int, cpu_seconds: int, file_size_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MB, memory_mb * MB))
    # SIGXCPU at the soft limit, SIGKILL one second later at the hard limit.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_mb * MB, file_size_mb * MB))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def die_with_parent(parent_pid: int) -> None:
    """Let the kernel kill this child when the process that started it dies (F5: a killed task
    worker must not leave a conversion running)."""
    pr_set_pdeathsig = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _private_stdout():
    reply_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(reply_fd, "w", encoding="utf-8")


def _configure_django(job: dict) -> None:
    """Just enough Django for gettext: no database, no secret key, no installed apps."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            USE_I18N=True,
            LANGUAGE_CODE=job.get("language") or "en",
            LANGUAGES=[tuple(pair) for pair in job.get("languages") or [("en", "English")]],
            LOCALE_PATHS=job.get("locale_paths") or [],
            INSTALLED_APPS=[],
        )
    import django

    django.setup()
    from django.utils import translation

    translation.activate(job.get("language") or "en")


def check_hardened_gdal() -> None:
    """Refuse to run when GDAL was loaded without the hardened environment (fail closed)."""
    from .gdal_environment import HARDENED_OPTIONS

    for key, value in HARDENED_OPTIONS.items():
        if os.environ.get(key) != value:
            raise RuntimeError(f"sandbox environment lacks {key}={value}")
    from osgeo import gdal

    for name in ("VRT", "DERIVED", "WMS", "HTTP"):
        if gdal.GetDriverByName(name) is not None:
            raise RuntimeError(f"GDAL driver {name} is registered inside the sandbox")


def _resolve(path: str):
    module_name, _, function_name = path.rpartition(".")
    module = importlib.import_module(module_name)
    return getattr(module, function_name)


def run(job: dict) -> dict:
    from .errors import InputError

    try:
        _configure_django(job)
        check_hardened_gdal()
        function = _resolve(job["function"])
        result = function(**job.get("kwargs", {}))
        return {"status": "ok", "result": result}
    except InputError as exc:
        return {"status": "input_error", "message": exc.message, "location": exc.location}
    except MemoryError:
        return {"status": "limit", "reason": "memory"}
    except OSError as exc:
        if exc.errno == errno.EFBIG:
            return {"status": "limit", "reason": "file_size"}
        if exc.errno == errno.ENOMEM:
            return {"status": "limit", "reason": "memory"}
        traceback.print_exc()
        return {"status": "error", "type": type(exc).__name__}
    except Exception as exc:
        traceback.print_exc()
        return {"status": "error", "type": type(exc).__name__}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="gis.sandbox_worker")
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--cpu-seconds", type=int, required=True)
    parser.add_argument("--file-size-mb", type=int, required=True)
    args = parser.parse_args(argv)
    die_with_parent(os.getppid())
    apply_limits(
        memory_mb=args.memory_mb, cpu_seconds=args.cpu_seconds, file_size_mb=args.file_size_mb
    )
    reply_stream = _private_stdout()
    # Temporary files land in the per-job scratch directory (TMPDIR), removed by the parent.
    os.chdir(os.environ.get("TMPDIR", "/"))
    try:
        job = json.loads(sys.stdin.buffer.read(MAX_JOB_BYTES))
        reply = run(job)
        text = json.dumps(reply, allow_nan=False)
    except MemoryError:
        text = json.dumps({"status": "limit", "reason": "memory"})
    except (ValueError, TypeError) as exc:
        traceback.print_exc()
        text = json.dumps({"status": "error", "type": type(exc).__name__})
    reply_stream.write(text)
    reply_stream.flush()
    sys.stderr.flush()
    # Skip interpreter and library shutdown: GDAL's destructors must not turn a finished job
    # into a crash.
    os._exit(0)


if __name__ == "__main__":
    main()
