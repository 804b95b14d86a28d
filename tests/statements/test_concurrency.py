"""Parallel submissions through the HTTP handler (each thread its own connection).

PostGIS only: SQLite serialises writers, so "parallel" would only test its lock timeout.
"""

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from planning.models import PrivacyNotice, Statement
from planning.services.phases import schedule_phase
from planning.statements.forms import rendered_token

from ..factories import make_authority, make_plan, square

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_plan():
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers are tested on PostGIS (SQLite serialises all writes)")
    town = make_authority(name="Parallelstadt", slug="parallelstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    plan = make_plan(town, area=square(820_000, 5_655_000, 400))
    today = date.today()
    schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(today.year - 1, 1, 1),
                   end_date=date(today.year + 1, 12, 31))
    notice = PrivacyNotice.objects.create(authority=town, version=1, text="…")
    return plan, notice


def post(url, data):
    try:
        response = Client().post(url, data)
        return response.status_code, response.get("Location")
    finally:
        connections.close_all()


def payload(key, text):
    return {"idempotency_key": key, "rendered": rendered_token(key, at=time.time() - 60),
            "website": "", "text": text, "anonymous": "yes", "privacy_accepted": "on"}


def test_50_parallel_identical_submissions_make_one_statement(open_plan):
    plan, _notice = open_plan
    url = reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])
    data = payload(str(uuid.uuid4()), "Ein Text, fünfzigmal geschickt.")
    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(lambda _: post(url, data), range(50)))
    assert {status for status, _ in results} == {302}
    assert len({location for _, location in results}) == 1
    assert Statement.objects.count() == 1


def test_200_parallel_different_submissions_all_arrive(open_plan):
    plan, _notice = open_plan
    url = reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])
    texts = [f"Stellungnahme Nummer {i}" for i in range(200)]
    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(lambda text: post(url, payload(str(uuid.uuid4()), text)), texts))
    assert [status for status, _ in results] == [302] * 200
    stored = list(Statement.objects.values_list("text", "reference"))
    assert sorted(t for t, _ in stored) == sorted(texts)
    numbers = sorted(int(ref.rsplit("-", 1)[1]) for _, ref in stored)
    assert numbers == list(range(1, 201))  # consecutive, no gaps, no duplicates
