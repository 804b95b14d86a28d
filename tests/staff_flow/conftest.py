"""A plan in participation with three statements and one staff user per role."""

from datetime import UTC, date, datetime, timedelta

import pytest

from planning.models import Statement
from planning.services.phases import schedule_phase
from portal.models import Role

from ..factories import make_authority, make_plan, make_staff, make_user, square

ROLES = (Role.ADMIN, Role.PLANNER, Role.MODERATOR, Role.VIEWER)


@pytest.fixture
def town():
    return make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))


@pytest.fixture
def plan_with_statements(town):
    plan = make_plan(town, name="Am Mühlbach", number="MS-12",
                     area=square(820_000, 5_655_000, 500))
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 1),
                           end_date=date(2026, 10, 5))
    received = datetime(2026, 9, 2, 8, 0, tzinfo=UTC)
    # Stored out of order: the workbench's order is the order of receipt, not of the ids.
    statements = [
        Statement.objects.create(authority=town, plan=plan, phase=phase,
                                 reference=f"ST-2026-0000{n}", text=f"Stellungnahme {n}",
                                 received_at=received + timedelta(hours=hours))
        for n, hours in ((2, 5), (1, 1), (3, 9))
    ]
    return plan, sorted(statements, key=lambda s: s.received_at)


@pytest.fixture
def staff_by_role(town):
    return {role: make_staff(town, role, f"staff-{role}") for role in ROLES}


@pytest.fixture
def superuser():
    return make_user("root", is_staff=True, is_superuser=True)
