"""Two authorities with a plan, a §3(2) phase (topics, public display) and statements each."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from django.contrib.gis.geos import Point, Polygon

from planning.models import Channel, Plan, Statement, StatementSettings
from planning.services.phases import schedule_phase
from planning.services.statements import Identity, Submission, create_statement
from portal.models import Authority, Phase, Role

from ..factories import make_authority, make_plan, make_staff, square

XSS = '<img src=x onerror="window.__xss=1">'
RECEIVED = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)   # inside the phase
AFTER_END = datetime(2026, 10, 27, 9, 0, tzinfo=UTC)  # after the phase ended
#: A point inside the plan area below (storage SRID 25832), and its WGS84 coordinates.
PLAN_ORIGIN = (820_000, 5_655_000)


@dataclass
class Tenant:
    authority: Authority
    plan: Plan
    phase: Phase
    planner: object
    viewer: object


def make_tenant(name: str, slug: str, x0: float, *, ags: str) -> Tenant:
    town = make_authority(name=name, slug=slug, ags=ags,
                          jurisdiction=square(x0 - 5_000, 5_650_000, 12_000))
    plan = make_plan(town, name=f"Plan {name}", number=f"{slug[:2].upper()}-1",
                     area=square(x0, 5_655_000, 400))
    phase = schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 25),
                           end_date=date(2026, 10, 25))
    StatementSettings.objects.create(phase=phase, topics=["Verkehr", "Grün"],
                                     display_publicly=True)
    planner = make_staff(town, Role.PLANNER, f"{slug}-planer")
    viewer = make_staff(town, Role.VIEWER, f"{slug}-leser")
    return Tenant(town, plan, phase, planner, viewer)


@pytest.fixture
def own() -> Tenant:
    return make_tenant("Musterstadt", "musterstadt", PLAN_ORIGIN[0], ags="14612000")


@pytest.fixture
def foreign() -> Tenant:
    return make_tenant("Fremdstadt", "fremdstadt", 840_000, ags="14613000")


def point_in(plan: Plan, dx: float = 100, dy: float = 100) -> Point:
    x, y = plan.area.extent[:2]
    return Point(x + dx, y + dy, srid=plan.area.srid)


def letter(tenant: Tenant, *, text="Bitte den Bach offen lassen.", name="Erika Mustermann",
           email="", topics=(), location="point", received_at=RECEIVED,
           channel=Channel.LETTER, **identity) -> Statement:
    geometry = None
    if location == "point":
        geometry = point_in(tenant.plan)
    elif location == "area":
        x, y = tenant.plan.area.extent[:2]
        geometry = Polygon(((x + 50, y + 50), (x + 150, y + 50), (x + 150, y + 150),
                            (x + 50, y + 150), (x + 50, y + 50)), srid=tenant.plan.area.srid)
    submission = Submission(
        text=text, topics=list(topics), location=geometry,
        identity=Identity(name=name, email=email, street=identity.get("street", "Bachweg 3"),
                          postcode=identity.get("postcode", "01234"),
                          city=identity.get("city", "Musterstadt"),
                          organisation=identity.get("organisation", "")),
    )
    statement, _created = create_statement(plan=tenant.plan, phase=tenant.phase,
                                           submission=submission, channel=channel,
                                           received_at=received_at)
    return statement
