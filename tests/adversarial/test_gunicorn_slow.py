"""Hostile anonymous requests (each at most 256 KB) against gunicorn with the production
settings on a SpatiaLite file: no answer 500, no worker process dies, and no request costs a
worker more than a bounded amount of CPU (utime + stime from /proc before and after).

Slow (migrations, collectstatic, demo data, a real server): `make test-adversarial`.
"""

import http.client
import json
import math
import time
import urllib.parse
from http.cookies import SimpleCookie

import pytest

from .forms import post_forms
from .gunicorn_server import CSRF, manage, production_env, start
from .hostile_values import deep_json, long_json_array, raw_bodies, text_values

pytestmark = pytest.mark.adversarial_slow

#: CPU seconds one request may cost a worker (generous: a loaded 2-core machine).
CPU_BOUND = 10.0
MAX_BODY = 256 * 1024

FIND_PLANS = """
from django.urls import reverse
from planning.models import Plan
for plan in Plan.objects.filter(is_published=True).select_related("authority"):
    c = plan.area.centroid.transform(4326, clone=True)
    print(reverse("planning:statement-form", args=[plan.authority.slug, plan.uid]), c.x, c.y)
"""


def star(lon: float, lat: float, vertices: int = 201, radius: float = 0.002) -> str:
    """A self-intersecting star polygon {n/(n-1)/2} of `vertices` points (about 5 KB)."""
    step = (vertices - 1) // 2
    ring = [[round(lon + radius * math.cos(2 * math.pi * (i * step % vertices) / vertices), 7),
             round(lat + radius * math.sin(2 * math.pi * (i * step % vertices) / vertices), 7)]
            for i in range(vertices)]
    return json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})


class Browser:
    """An HTTP client for 127.0.0.1 that keeps cookies itself (the production cookies are
    "Secure"; the proxy in front of gunicorn would speak HTTPS, this test does not)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, path: str, body: bytes | None = None,
                content_type: str = "application/x-www-form-urlencoded") -> tuple[int, bytes]:
        headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}",
                   "Referer": f"https://127.0.0.1:{self.port}{path}",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = content_type
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request("POST" if body is not None else "GET", path, body, headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie(header)
                self.cookies.update({key: morsel.value for key, morsel in cookie.items()})
            return response.status, content
        finally:
            connection.close()

    def csrf(self, page: bytes) -> str:
        match = CSRF.search(page.decode())
        return match.group(1) if match else ""


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    env = production_env(tmp_path_factory.mktemp("gunicorn") / "portal.sqlite3")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "demo_data", "--force")
    plans = [line.split() for line in manage(env, "shell", "-c", FIND_PLANS).splitlines()
             if line.startswith("/") and len(line.split()) == 3]
    server = start(env)
    try:
        browser = Browser(server.port)
        for path, lon, lat in plans:
            status, page = browser.request(path)
            forms = [f for f in post_forms(path, page.decode()) if "location" in f.fields]
            if status == 200 and forms:
                forms[0].defaults["csrfmiddlewaretoken"] = [browser.csrf(page)]
                time.sleep(3.5)  # the form refuses submissions faster than a person types
                yield server, browser, forms[0], float(lon), float(lat)
                break
        else:
            pytest.fail("no plan of the demo data takes statements")
    finally:
        server.stop()


def _cases() -> list:
    lon, lat = 13.73, 51.03  # replaced by the plan's centre in the test
    texts = [(f"text:{label}", {"text": value}) for label, value in text_values("http://127.0.0.1:9/")
             if len(value.encode()) < MAX_BODY // 2]
    locations = [
        ("location:z-1e200", '{"type":"Point","coordinates":[%LON%,%LAT%,1e200]}', None),
        ("location:star-201", "%STAR%", None),
        ("location:deep", deep_json(20_000), None),
        ("location:long-array", long_json_array(MAX_BODY // 3), None),
        ("location:nan", '{"type":"Point","coordinates":[NaN,Infinity]}', None),
        ("location:huge", '{"type":"Point","coordinates":[1e308,-1e308]}', None),
        ("location:m", '{"type":"Point","coordinates":[%LON%,%LAT%,1,2]}', None),
    ]
    cases = [pytest.param(name, values, id=name) for name, values in texts]
    for name, value, known in locations:
        marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
        cases.append(pytest.param(name, {"location": value}, id=name, marks=marks))
    cases += [pytest.param(f"raw:{name}", (content_type, body), id=f"raw:{name}")
              for name, content_type, body in raw_bodies(["text", "location"])]
    del lon, lat
    return cases


def _body(form, values: dict, lon: float, lat: float) -> bytes:
    data = {name: values_[0] for name, values_ in form.defaults.items()}
    data.update({"text": "Bitte den Bach erhalten.", "name": "Erika", "email": "e@example.org",
                 "street": "Bachweg 1", "postcode": "01067", "city": "Dresden",
                 "privacy_accepted": "on"})
    for name, value in values.items():
        value = value.replace("%LON%", str(lon)).replace("%LAT%", str(lat))
        data[name] = star(lon, lat) if value == "%STAR%" else value
    return urllib.parse.urlencode(data).encode()


@pytest.mark.parametrize(("name", "values"), _cases())
def test_hostile_request_costs_bounded_cpu_and_kills_no_worker(portal, name, values):
    server, browser, form, lon, lat = portal
    if isinstance(values, tuple):
        content_type, body = values
    else:
        content_type, body = "application/x-www-form-urlencoded", _body(form, values, lon, lat)
    assert len(body) <= MAX_BODY
    workers = server.settled()
    before = {pid: server.cpu_seconds(pid) for pid in workers}
    status, _page = browser.request(form.action, body, content_type)
    alive = server.workers()
    assert workers <= alive, f"{name}: worker(s) {workers - alive} died"
    cost = max(server.cpu_seconds(pid) - before[pid] for pid in workers)
    assert status < 500, f"{name}: {status}"
    assert cost <= CPU_BOUND, f"{name}: {cost:.1f} s CPU in one worker"
