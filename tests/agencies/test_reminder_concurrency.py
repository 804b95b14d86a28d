"""Two reminder runs at the same moment, in two threads with their own database connections:
each invitation is reminded once (the conditional UPDATE decides)."""

import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections

from planning.agencies.reminders import send_reminders

from .conftest import invite
from .test_reminders import FIVE_DAYS_BEFORE

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_runs_send_each_reminder_once(world):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")
    with time_machine.travel(FIVE_DAYS_BEFORE, tick=False):
        _capture = _NoCapture
        invite(world, world["water"], world["telecom"], capture=_capture)
        barrier = threading.Barrier(4)
        reports = []

        def run():
            try:
                barrier.wait(timeout=10)
                reports.append(send_reminders())
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    sent = sum(report.count("sent") for report in reports)
    assert len(reports) == 4 and sent == 2
    assert len([m for m in mail.outbox if m.subject.startswith("Reminder")]) == 2


class _NoCapture:
    """In a transactional test on_commit callbacks run at once; nothing to capture."""

    def __init__(self, execute=True):
        pass

    def __enter__(self):
        return []

    def __exit__(self, *exc):
        return False
