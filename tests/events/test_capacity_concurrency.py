"""50 parallel registrations for the last 10 places: exactly 10 confirmed, 40 on the waiting
list, none lost. Needs real row locks (SELECT … FOR UPDATE), so PostGIS only."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from participation.events.models import Registration, RegistrationStatus, Ticket
from participation.events.services import NewRegistration, confirmed_persons, register

from .conftest import build_event

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_parallel_registrations_for_the_last_ten_places(town):
    if connection.vendor != "postgresql":
        pytest.skip("SpatiaLite has no row locks (SELECT … FOR UPDATE is a no-op and writers "
                    "are serialised by the file lock); the capacity race is tested on PostGIS.")
    event = build_event(town, capacity=30)
    for n in range(20):
        register(event=event, new=NewRegistration(f"Früh {n}", f"f{n}@example.org"))

    def one(n):
        try:
            registration, _ = register(event=event, new=NewRegistration(
                f"Parallel {n}", f"p{n}@example.org"))
            return registration.status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(one, range(50)))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 10
    assert statuses.count(RegistrationStatus.WAITING) == 40
    parallel = Registration.objects.filter(name__startswith="Parallel")
    assert parallel.count() == 50
    assert confirmed_persons(event) == 30
    assert Ticket.objects.filter(registration__event=event).count() == 30
