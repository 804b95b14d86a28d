"""Public statement submissions through gunicorn, 50 clients at once (PostGIS).

`gunicorn -w 2` serves the test settings; 50 threads each send SUBMISSIONS_PER_CLIENT
statements (the form's fields with a fresh idempotency key; an answer other than the receipt
redirect is retried with the same key, as the form does). Reported per database-connection
setting: statements per second, median and p95 latency of an acknowledged submission, and the
count that matters most – statements lost (acknowledged but not stored) and duplicated (one key
stored twice); both must be 0.

Run: make bench, or python -m bench.submissions
"""

import statistics
import tempfile
import threading
import time
import uuid
from datetime import date
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

from ._support import bench_database, setup_django

CLIENTS = 50
SUBMISSIONS_PER_CLIENT = 4
CSRF = "b" * 32  # an unmasked CSRF secret, sent as cookie and field


def _post(port: int, path: str, fields: dict) -> tuple[int, str]:
    http = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        http.request("POST", path, body=urlencode(fields), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF}",
            "Host": "127.0.0.1"})
        response = http.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    except OSError:
        return 0, ""
    finally:
        http.close()


def _burst(port: int, path: str, rendered_token) -> dict:
    acknowledged, latencies, failures = {}, [], []
    lock = threading.Lock()

    def client(number: int) -> None:
        for i in range(SUBMISSIONS_PER_CLIENT):
            key = str(uuid.uuid4())
            fields = {"csrfmiddlewaretoken": CSRF, "idempotency_key": key, "website": "",
                      "rendered": rendered_token(key, at=time.time() - 60),
                      "text": f"Stellungnahme {number}-{i} zum Bebauungsplan.",
                      "anonymous": "yes", "privacy_accepted": "on", "location": ""}
            started = time.perf_counter()
            for _attempt in range(5):
                status, location = _post(port, path, fields)
                if status == 302 and "/stellungnahme/" in location:
                    with lock:
                        acknowledged[key] = location
                        latencies.append(time.perf_counter() - started)
                    break
                with lock:
                    failures.append(status)
                time.sleep(0.2)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"seconds": time.perf_counter() - started, "acknowledged": acknowledged,
            "latencies": latencies, "failures": failures}


def main() -> None:
    setup_django()
    from django.db import connection
    from django.db.models import Count
    from django.urls import reverse

    from planning.models import PrivacyNotice, Statement
    from planning.services.phases import schedule_phase
    from planning.statements.forms import rendered_token
    from tests.factories import make_authority, make_plan, square

    from ._peers import database_url as url_of
    from ._peers import portal_gunicorn

    if connection.vendor != "postgresql":
        print("skipped: concurrent submissions are measured on PostGIS")
        return
    with bench_database(), tempfile.TemporaryDirectory(prefix="bench-submit-") as tmp:
        town = make_authority(name="Benchstadt", slug="benchstadt", ags="14612000",
                              jurisdiction=square(815_000, 5_650_000, 12_000))
        plan = make_plan(town, area=square(820_000, 5_655_000, 400))
        today = date.today()
        schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(today.year - 1, 1, 1),
                       end_date=date(today.year + 1, 12, 31))
        PrivacyNotice.objects.create(authority=town, version=1, text="…")
        path = reverse("planning:statement-form", args=[town.slug, plan.uid])
        database_url = url_of(connection.settings_dict)
        total = CLIENTS * SUBMISSIONS_PER_CLIENT
        print(f"\nStatement submissions through gunicorn -w 2, {CLIENTS} clients, {total} "
              "statements each run")
        print(f"{'':40} {'per s':>7} {'median ms':>10} {'p95 ms':>8} {'retries':>8} "
              f"{'lost':>5} {'duplicated':>11}")
        for label, max_age in (("connections kept (600 s)", 600),
                               ("new connection per request", 0)):
            before = set(Statement.objects.values_list("idempotency_key", flat=True))
            server = portal_gunicorn(database_url, Path(tmp) / f"gunicorn-{max_age}.log",
                                     settings="config.settings.test",
                                     DATABASE_CONN_MAX_AGE=str(max_age))
            try:
                result = _burst(server.port, path, rendered_token)
            finally:
                server.stop()
            stored = Statement.objects.exclude(idempotency_key__in=before)
            keys = {str(k) for k in stored.values_list("idempotency_key", flat=True)}
            lost = sum(1 for key in result["acknowledged"] if key not in keys)
            duplicated = (stored.values("idempotency_key").annotate(n=Count("pk"))
                          .filter(n__gt=1).count())
            latencies = sorted(result["latencies"]) or [0.0]
            p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
            rate = len(result["acknowledged"]) / result["seconds"]
            print(f"{label:40} {rate:7.1f} {statistics.median(latencies) * 1000:10.0f} "
                  f"{p95 * 1000:8.0f} {len(result['failures']):8d} {lost:5d} {duplicated:11d}")
            if len(result["acknowledged"]) < total:
                print(f"  {total - len(result['acknowledged'])} not acknowledged after 5 tries "
                      f"(answers: {sorted(set(result['failures']))})")


if __name__ == "__main__":
    main()
