"""The portal under gunicorn with the production settings, on a SpatiaLite file, for the slow
adversarial run: start, find the worker processes, read their CPU time from /proc."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"spatialite:///{database}",
        "SECRET_KEY": "adversarial-run-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "PORTAL_BASEMAP_URL": "",
        "EMAIL_URL": "consolemail://",
    })
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True, timeout=600)
    return result.stdout


def start_in_session(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    """A process in a session of its own (its output to `log`): stop_session() signals exactly
    its process group."""
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def stop_session(process: subprocess.Popen) -> None:
    """SIGTERM to the process group of a start_in_session() process, SIGKILL if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int

    def workers(self) -> set[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()} if children.exists() else set()

    def settled(self, count: int = 2, timeout: float = 30) -> set[int]:
        """The worker pids once `count` workers have been up unchanged for half a second (a
        worker killed by the previous request is not blamed on the next one)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            workers = self.workers()
            time.sleep(0.5)
            if len(workers) == count and self.workers() == workers:
                return workers
        raise RuntimeError("gunicorn workers did not settle")

    @staticmethod
    def cpu_seconds(pid: int) -> float:
        """utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat)."""
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(env: dict, workers: int = 2, timeout: int = 60) -> Gunicorn:
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--timeout", str(timeout), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Gunicorn(process, port)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(server.workers()) == workers:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return server
            except OSError:
                pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError("gunicorn did not start")


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
