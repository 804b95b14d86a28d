"""The load generator's HTTP side: a browser-like client (cookies kept by hand, because the
production cookies are "Secure" and the TLS proxy in front of gunicorn is played by headers),
multipart bodies as a browser sends them, and a recorder of every answer."""

import re
import secrets
import statistics
import threading
import time
from collections import Counter, defaultdict
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

TIMEOUT = 30  # seconds; generous for a loaded 2-core machine
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, str, bytes, str]] = ()
              ) -> tuple[str, bytes]:
    """(content type, body) of multipart/form-data: fields (name, value) and files
    (name, file name, content, content type)."""
    boundary = "----mixedload" + secrets.token_hex(12)
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     .encode() + value.encode() + b"\r\n")
    for name, filename, content, content_type in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                     + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


class Recorder:
    """Every answer by kind: status counts, latencies and connection errors (status 0)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.failures: list[str] = []

    def record(self, kind: str, method: str, path: str, status: int, seconds: float) -> None:
        with self._lock:
            self.statuses[kind][status] += 1
            self.latencies[kind].append(seconds)
            if status == 0 or status >= 400:
                self.failures.append(f"{status} {method} {path} ({kind})")

    def count(self, status_from: int, status_to: int) -> int:
        return sum(n for statuses in self.statuses.values() for status, n in statuses.items()
                   if status_from <= status < status_to)

    def summary(self, seconds: float) -> str:
        lines = [f"{'kind':<22} {'requests':>8} {'per s':>7} {'median ms':>10} {'p95 ms':>8} "
                 "statuses"]
        for kind in sorted(self.statuses):
            samples = sorted(self.latencies[kind])
            p95 = samples[max(0, round(len(samples) * 0.95) - 1)]
            statuses = ", ".join(f"{status}: {n}" for status, n in
                                 sorted(self.statuses[kind].items()))
            lines.append(f"{kind:<22} {len(samples):8d} {len(samples) / seconds:7.1f} "
                         f"{statistics.median(samples) * 1000:10.0f} {p95 * 1000:8.0f} "
                         f"{statuses}")
        total = sum(len(samples) for samples in self.latencies.values())
        lines.append(f"{'all':<22} {total:8d} {total / seconds:7.1f}")
        return "\n".join(lines)


class Browser:
    """One visitor: its own cookies and its own client address (X-Real-IP, which the
    portal is told to trust, as behind a reverse proxy that sets it)."""

    def __init__(self, port: int, recorder: Recorder, address: str):
        self.port, self.recorder, self.address = port, recorder, address
        self.cookies: dict[str, str] = {}

    def request(self, kind: str, path: str, *, body: bytes | None = None,
                content_type: str = "", referer: str = "") -> tuple[int, dict, bytes]:
        headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "X-Real-IP": self.address,
                   "Accept-Language": "de"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers |= {"Content-Type": content_type,
                        "Referer": f"https://127.0.0.1{referer or path}",
                        "Origin": "https://127.0.0.1"}
        method = "GET" if body is None else "POST"
        started = time.perf_counter()
        connection = HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            content = response.read()
        except OSError:
            self.recorder.record(kind, method, path, 0, time.perf_counter() - started)
            return 0, {}, b""
        finally:
            connection.close()
        self.recorder.record(kind, method, path, response.status, time.perf_counter() - started)
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        answer_headers = {key.lower(): value for key, value in response.getheaders()}
        return response.status, answer_headers, content

    def get(self, kind: str, path: str) -> tuple[int, dict, bytes]:
        return self.request(kind, path)

    def post(self, kind: str, path: str, fields: list[tuple[str, str]],
             files: list[tuple[str, str, bytes, str]] = (), referer: str = ""
             ) -> tuple[int, str]:
        """(status, path of the Location header)."""
        content_type, body = multipart(fields, files)
        status, headers, _content = self.request(kind, path, body=body,
                                                 content_type=content_type, referer=referer)
        return status, urlsplit(headers.get("location", "")).path

    @staticmethod
    def csrf_token(page: bytes) -> str:
        match = CSRF_FIELD.search(page.decode("utf-8", "replace"))
        assert match, "no CSRF token on the page"
        return match.group(1)
