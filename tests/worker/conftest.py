from datetime import date

import pytest
from django.db import OperationalError

from planning.models import PrivacyNotice
from planning.services.phases import schedule_phase
from planning.services.statements import Identity, Submission, create_statement
from portal.worker import policies

from ..factories import make_authority, make_plan, square
from . import tasks


@pytest.fixture(autouse=True)
def fast_reconnect(settings):
    settings.PORTAL_TASK_RECONNECT_MIN_SECONDS = 0.01
    settings.PORTAL_TASK_RECONNECT_MAX_SECONDS = 0.05


@pytest.fixture(autouse=True)
def clean_test_tasks():
    tasks.CALLS.clear()
    tasks.ON_FIRST_CALL.clear()
    yield
    policies._POLICIES.pop(tasks.loses_database_once.module_path, None)


class Outage:
    """An execute wrapper: the next `queries` queries fail as if the database were gone."""

    def __init__(self, queries: int = 0):
        self.remaining = queries
        self.failed = 0

    def __call__(self, execute, sql, params, many, context):
        if self.remaining:
            self.remaining -= 1
            self.failed += 1
            raise OperationalError("the connection is closed")
        return execute(sql, params, many, context)


@pytest.fixture
def open_phase():
    town = make_authority(name="Werkstadt", slug="werkstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    plan = make_plan(town, area=square(820_000, 5_655_000, 400))
    today = date.today()
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(today.year - 1, 1, 1),
                           end_date=date(today.year + 1, 12, 31))
    notice = PrivacyNotice.objects.create(authority=town, version=1, text="…")
    return plan, phase, notice


def submit(open_phase, email="erika@example.org", text="Bitte die Linde erhalten."):
    plan, phase, notice = open_phase
    statement, _created = create_statement(
        plan=plan, phase=phase, privacy_notice=notice,
        submission=Submission(text=text, identity=Identity(is_anonymous=True, email=email)))
    return statement
