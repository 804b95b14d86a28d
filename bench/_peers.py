"""Servers and load generators shared by the HTTP benchmarks: the portal under gunicorn with the
production settings, peers in their own venvs (var/peers/, made by scripts/bench-setup.sh),
wrk and pgbench.

Every contender is measured the same way: a fixed number of connections for a few seconds, the
requests (or transactions) per second reported by the tool itself. A run with any non-2xx
answer, socket error or failed transaction raises BenchError instead of giving a figure.
"""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / "var" / "peers"
NOT_INSTALLED = "not installed"
SETUP_HINT = "run scripts/bench-setup.sh"
# The portal's PostgreSQL session settings (config/settings/base.py), given to the floor and the
# peers too, so that all three run the same statements under the same planner settings.
PG_SESSION = {"jit": "off", "max_parallel_workers_per_gather": "0"}


class BenchError(RuntimeError):
    """A contender answered wrongly (status, socket error, failed transaction)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peer_program(venv: str, program: str) -> Path | None:
    """A program of a peer's venv under var/peers/, or None when bench-setup has not made it."""
    path = PEERS / venv / "bin" / program
    return path if path.exists() else None


def peer_env(**settings: str) -> dict[str, str]:
    """A clean environment for a peer: none of the portal's variables (DJANGO_*, GDAL_DATA,
    PROJ_LIB, PYTHONPATH, DATABASE_URL), so its own GDAL/PROJ and settings are used."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    return {key: os.environ[key] for key in keep if key in os.environ} | settings


def fetch(port: int, path: str) -> tuple[int, bytes]:
    http = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        http.request("GET", path)
        response = http.getresponse()
        return response.status, response.read()
    finally:
        http.close()


class Server:
    """A server process in its own session (stopped with its workers), ready once `ready_path`
    answers at all."""

    def __init__(self, name: str, argv: list[str], env: dict, port: int, log: Path,
                 ready_path: str = "/", cwd: Path = ROOT, timeout: float = 90):
        self.name, self.port, self.log = name, port, log
        self.process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=log.open("wb"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                fetch(port, ready_path)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        tail = log.read_text(errors="replace")[-2000:]
        raise BenchError(f"{name} did not start:\n{tail}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str) -> bytes:
        """The body of a 200 answer; BenchError for any other status."""
        status, body = fetch(self.port, path)
        if status != 200:
            raise BenchError(f"{self.name} {path}: {status}")
        return body

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def optional_peer(servers, name: str, start: Callable[[], Server]) -> Server | None:
    """A peer started into `servers` (a contextlib.ExitStack, which stops it), or None – said –
    when it is not installed or did not start: the rest of the comparison runs without it."""
    try:
        return servers.enter_context(start())
    except (FileNotFoundError, BenchError) as exc:
        print(f"  {name}: {exc}")
        return None


def database_url(settings: dict, scheme: str = "postgis", query: str = "") -> str:
    return (f"{scheme}://{settings['USER']}:{settings['PASSWORD']}@"
            f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
            + (f"?{query}" if query else ""))


def portal_gunicorn(db_url: str, log: Path, *, settings: str = "config.settings.production",
                    workers: int = 2, app: str = "config.wsgi:application",
                    **extra: str) -> Server:
    """The portal under `gunicorn -w 2`, by default with the production settings (connections
    kept for 600 s); `extra` are further environment variables (settings)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env |= {"DJANGO_SETTINGS_MODULE": settings, "DATABASE_URL": db_url}
    if settings == "config.settings.production":
        # What production takes from the environment; not for the test settings, whose own
        # SECRET_KEY signs what the benchmark process prepares (bench/submissions.py).
        env |= {
            "SECRET_KEY": "bench-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "CACHE_URL": "locmemcache://",
            "EMAIL_URL": "consolemail://",
        }
    env |= extra
    port = free_port()
    return Server("gunicorn", [sys.executable, "-m", "gunicorn", app,
                               "-b", f"127.0.0.1:{port}", "-w", str(workers),
                               "--log-level", "warning"], env, port, log)


def uvicorn(name: str, venv: str, app: str, env: dict, log: Path, cwd: Path,
            ready_path: str, workers: int = 2) -> Server:
    program = peer_program(venv, "uvicorn")
    if program is None:
        raise FileNotFoundError(f"{name}: {NOT_INSTALLED} ({SETUP_HINT})")
    port = free_port()
    return Server(name, [str(program), app, "--host", "127.0.0.1", "--port", str(port),
                         "--workers", str(workers), "--log-level", "warning", "--no-access-log"],
                  env, port, log, ready_path=ready_path, cwd=cwd)


_WRK_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
_WRK_BAD = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def wrk(url: str, clients: int, seconds: float, headers: dict | None = None) -> float:
    """Requests per second of `wrk -t1 -c<clients>` on one URL; BenchError on any error
    (wrk counts 2xx and 3xx answers as good)."""
    header_args = [arg for name, value in (headers or {}).items()
                   for arg in ("-H", f"{name}: {value}")]
    output = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
         *header_args, url],
        capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    bad = _WRK_BAD.search(output)
    errors = _WRK_SOCKET.search(output)
    if (bad and int(bad.group(1))) or (errors and any(int(n) for n in errors.groups())):
        raise BenchError(f"wrk {url}: errors\n{output}")
    rate = _WRK_RATE.search(output)
    if not rate:
        raise BenchError(f"wrk {url}: no rate in\n{output}")
    return float(rate.group(1))


def warm(*urls: str) -> None:
    """One second of 10 clients on each URL, unmeasured: every worker process has opened its
    database connection (or pool) and loaded its code before the rounds start."""
    for url in urls:
        wrk(url, 10, 1)


_PGBENCH_TPS = re.compile(r"^tps = ([\d.]+) \(without initial connection time\)", re.M)
_PGBENCH_FAILED = re.compile(r"number of failed transactions: (\d+)")


def pgbench(script: Path, settings: dict, clients: int, seconds: float) -> float:
    """Transactions per second of `pgbench -f script -c N -j N -T s` (no vacuum), on the
    connection settings of a Django database, with the portal's session settings."""
    env = os.environ | {
        "PGHOST": settings["HOST"] or "127.0.0.1", "PGPORT": str(settings["PORT"] or 5432),
        "PGUSER": settings["USER"], "PGPASSWORD": settings["PASSWORD"],
        "PGDATABASE": settings["NAME"],
        "PGOPTIONS": " ".join(f"-c {key}={value}" for key, value in PG_SESSION.items()),
    }
    result = subprocess.run(
        ["pgbench", "-n", "-f", str(script), "-c", str(clients), "-j", str(clients),
         "-T", str(max(1, round(seconds)))],
        capture_output=True, text=True, env=env, timeout=seconds + 60)
    output = result.stdout + result.stderr
    failed = _PGBENCH_FAILED.search(output)
    tps = _PGBENCH_TPS.search(output)
    if result.returncode or (failed and int(failed.group(1))) or not tps:
        raise BenchError(f"pgbench {script.name}: failed\n{output[-2000:]}")
    return float(tps.group(1))


def available(program: str) -> bool:
    return shutil.which(program) is not None


def interleaved(contenders: dict[str, Callable[[], float] | None], rounds: int) -> dict:
    """The median rate of each contender over `rounds`, measured A, B, C, A, B, C, ... so that
    a change of the machine's load hits all of them alike. A contender that is None (not
    installed) or fails keeps its reason as a string instead of a figure."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    results: dict[str, float | str] = {
        name: NOT_INSTALLED for name, run in contenders.items() if run is None}
    for _ in range(rounds):
        for name, run in contenders.items():
            if name in results:
                continue
            try:
                samples[name].append(run())
            except (BenchError, OSError, subprocess.SubprocessError) as exc:
                results[name] = f"error: {str(exc).splitlines()[0]}"
                print(f"  {name}: {exc}", file=sys.stderr)
    for name, values in samples.items():
        if name not in results:
            results[name] = statistics.median(values)
    return {name: results[name] for name in contenders}


def cell(rate: float | str) -> str:
    """A rate, or why it is missing ("not installed", "error")."""
    if isinstance(rate, str):
        return rate if rate == NOT_INSTALLED else "error"
    return f"{rate:.1f}"


def ratio(rate: float | str, reference: float | str) -> str:
    if isinstance(rate, str) or isinstance(reference, str) or not reference:
        return "–"
    return f"{rate / reference:.2f}"


def machine() -> str:
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}"
