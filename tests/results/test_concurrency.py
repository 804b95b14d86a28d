"""Concurrent releases and concurrent workers (threads, each with its own connection).

PostGIS only: SQLite serialises all writers, so "concurrent" would only test its lock timeout.
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection, connections

from planning.models import NotificationChannel, Plan, ResultNotification, ResultRelease
from planning.results.delivery import deliver_pending_emails
from planning.results.release import release_results

from .conftest import decide_everything

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgis_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are tested on PostGIS (SQLite serialises all writes)")


def _in_threads(count: int, work):
    barrier = threading.Barrier(count)

    def run(i):
        try:
            barrier.wait(timeout=30)
            return work(i)
        finally:
            connections.close_all()  # this thread's connection

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@pytest.mark.parametrize("callers", [2, 8])
def test_concurrent_releases_make_one_release_and_send_each_mail_once(small_plan, run_worker,
                                                                      after_phase, callers):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    outcomes = _in_threads(callers, lambda i: release_results(
        plan=Plan.objects.get(pk=plan.pk), base_url="https://portal.example.org"))
    assert sorted(o.created for o in outcomes) == [False] * (callers - 1) + [True]
    assert len({o.release.pk for o in outcomes}) == 1
    assert sum(sum(o.new_notifications.values()) for o in outcomes) == 12
    assert ResultRelease.objects.count() == 1
    keys = Counter(ResultNotification.objects.values_list("statement_id", "cosignature_id"))
    assert len(keys) == 12 and set(keys.values()) == {1}
    run_worker()
    assert len(mail.outbox) == 7
    assert len({tuple(m.to) for m in mail.outbox}) == 7


def test_two_workers_at_once_send_each_mail_once(thousand_statements, after_phase):
    plan, _phase = thousand_statements
    decide_everything(plan)
    release_results(plan=plan)  # the task is queued; the test runs the sending itself
    outcomes = _in_threads(2, lambda i: deliver_pending_emails(plan_id=plan.pk))
    assert sum(o.sent for o in outcomes) == 1000
    assert sum(o.failed for o in outcomes) == 0
    assert len(mail.outbox) == 1000
    assert len({tuple(m.to) for m in mail.outbox}) == 1000
    assert not ResultNotification.objects.filter(channel=NotificationChannel.EMAIL,
                                                 sent_at__isnull=True).exists()
