"""Parallel submissions on PostgreSQL, each thread with its own connection: 50 identical ones
(same idempotency key) make one report, 200 different ones all arrive with distinct reference
numbers."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from participation.incidents.location import point_from_lat_lon
from participation.incidents.models import IncidentReport
from participation.incidents.services.reports import NewReport, create_report

from .conftest import WEST_X, Y, lat_lon_of

pytestmark = pytest.mark.django_db(transaction=True)
WORKERS = 10


def _submit(category, key, text):
    try:
        report, _created = create_report(
            report=NewReport(category=category, location=point_from_lat_lon(*lat_lon_of(WEST_X, Y)),
                             description=text, answers={"size": "small"}),
            idempotency_key=key)
        return report.pk
    finally:
        connections.close_all()


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises them anyway")


def test_fifty_identical_submissions_make_one_report(postgres_only, area):
    key = uuid.uuid4()
    with ThreadPoolExecutor(WORKERS) as pool:
        ids = list(pool.map(lambda _i: _submit(area["pothole"], key, "Gleiches Loch"), range(50)))
    assert len(set(ids)) == 1
    assert IncidentReport.objects.count() == 1


def test_two_hundred_different_submissions_all_arrive(postgres_only, area):
    with ThreadPoolExecutor(WORKERS) as pool:
        ids = list(pool.map(lambda i: _submit(area["pothole"], uuid.uuid4(), f"Loch {i}"),
                            range(200)))
    assert len(set(ids)) == 200
    references = set(IncidentReport.objects.values_list("reference", flat=True))
    assert len(references) == 200
