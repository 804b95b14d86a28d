from datetime import UTC, date, datetime

import pytest
import time_machine

from planning.services.phases import schedule_phase
from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, square


@pytest.fixture(autouse=True)
def during_the_phase():
    with time_machine.travel(datetime(2026, 10, 1, 10, 0, tzinfo=UTC)):
        yield


@pytest.fixture
def town(db):
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))


@pytest.fixture
def other_town(db):
    return make_authority(name="Nachbarort", slug="nachbarort", ags="14612001",
                          jurisdiction=square(835_000, 5_650_000, 12_000))


@pytest.fixture
def plan(town):
    return make_plan(town, name="Am Mühlbach", number="MS-12",
                     area=square(820_000, 5_655_000, 400))


def public_phase(plan):
    return schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 25),
                          end_date=date(2026, 10, 25))


@pytest.fixture
def phase(plan):
    return public_phase(plan)


@pytest.fixture
def staff(town, other_town):
    """One account per role in the town, and an admin of the other town."""
    users = {role: make_staff(town, role, f"ms-{role}") for role in Role.values}
    users["stranger"] = make_staff(other_town, Role.ADMIN, "fremd-admin")
    return users
