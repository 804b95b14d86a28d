"""Public statement submissions through gunicorn, 50 clients at once (PostGIS).

`gunicorn -w 2` serves the test settings; 50 threads each send SUBMISSIONS_PER_CLIENT
statements (the form's fields with a fresh idempotency key; an answer other than the receipt
redirect is retried with the same key, as the form does). Reported per database-connection
setting: statements per second, median and p95 latency of an acknowledged submission, and the
count that matters most – statements lost (acknowledged but not stored) and duplicated (one key
stored twice); both must be 0. Before each measured burst, every client sends WARMUP statements
unmeasured (each worker has imported its code, compiled its templates and opened its
connection); a run of 200 statements without it moved by 2× from run to run on a quiet machine.
Then ROUNDS bursts one after another; the row is the median burst, lost and duplicated count
all of them.

Run: make bench, or python -m bench.submissions
"""

import os
import tempfile
import time
import uuid
from datetime import date

from ._support import (
    CONNECTION_SETTINGS,
    CSRF,
    WRITE_HEADER,
    bench_database,
    burst,
    database_url,
    post_form,
    setup_django,
    write_path_portal,
    write_row,
)

CLIENTS = 50
SUBMISSIONS_PER_CLIENT = int(os.environ.get("BENCH_SUBMISSIONS_PER_CLIENT", "10"))
WARMUP = 1
# Bursts measured one after the other on the same server; the row shows the median one (single
# runs moved between 70 and 142/s on a quiet machine, 2026-12-08).
ROUNDS = int(os.environ.get("BENCH_SUBMISSION_ROUNDS", "3"))


def _sender(port: int, path: str, rendered_token):
    keys: dict[tuple[int, int], str] = {}  # a retry sends the same idempotency key

    def send(number: int, item: int):
        key = keys.setdefault((number, item), str(uuid.uuid4()))
        fields = {"csrfmiddlewaretoken": CSRF, "idempotency_key": key, "website": "",
                  "rendered": rendered_token(key, at=time.time() - 60),
                  "text": f"Stellungnahme {number}-{item} zum Bebauungsplan.",
                  "anonymous": "yes", "privacy_accepted": "on", "location": ""}
        status, location, _body = post_form(port, path, fields)
        return (key if status == 302 and "/stellungnahme/" in location else None), status
    return send


def main() -> None:
    setup_django()
    from django.db import connection
    from django.db.models import Count
    from django.urls import reverse

    from planning.models import PrivacyNotice, Statement
    from planning.services.phases import schedule_phase
    from planning.statements.forms import rendered_token
    from tests.factories import make_authority, make_plan, square

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
        url = database_url(connection)
        total = CLIENTS * SUBMISSIONS_PER_CLIENT
        print(f"\nStatement submissions through gunicorn -w 2, {CLIENTS} clients, {total} "
              "statements each run")
        print(WRITE_HEADER)
        for label, max_age in CONNECTION_SETTINGS:
            with write_path_portal(url, tmp, max_age) as server:
                burst(CLIENTS, WARMUP, _sender(server.port, path, rendered_token))
                before = set(Statement.objects.values_list("idempotency_key", flat=True))
                results = [burst(CLIENTS, SUBMISSIONS_PER_CLIENT,
                                 _sender(server.port, path, rendered_token))
                           for _round in range(ROUNDS)]
            stored = Statement.objects.exclude(idempotency_key__in=before)
            keys = {str(k) for k in stored.values_list("idempotency_key", flat=True)}
            lost = sum(1 for result in results for key in result["acknowledged"]
                       if key not in keys)
            duplicated = (stored.values("idempotency_key").annotate(n=Count("pk"))
                          .filter(n__gt=1).count())
            rates = [len(result["acknowledged"]) / result["seconds"] for result in results]
            median = results[rates.index(sorted(rates)[len(rates) // 2])]
            write_row(label, median, lost=lost, duplicated=duplicated, expected=total)
            print(f"  {ROUNDS} bursts: " + ", ".join(f"{rate:.1f}" for rate in rates)
                  + "/s (the median burst above; lost and duplicated over all)")


if __name__ == "__main__":
    main()
