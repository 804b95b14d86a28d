import datetime

import pytest
from django.utils import timezone

from participation.events.services import create_event
from portal.models import Role
from tests.factories import make_authority, make_staff, make_user, square


def build_event(authority, *, title="Bürgerwerkstatt Marktplatz", capacity=20, days=14,
                **fields):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    defaults = {"address": "Rathaus, Ratssaal, Markt 1", "description": "Wir sammeln Ideen.",
                "agenda": "18:00 Begrüßung\n18:15 Werkstatt", "max_persons": 4,
                "accessibility": "Stufenloser Zugang, Induktionsschleife."}
    defaults.update(fields)
    return create_event(authority=authority, title=title, starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=2), capacity=capacity,
                        **defaults)


@pytest.fixture
def town(db):
    return make_authority(name="Mitteldorf", slug="mitteldorf", ags="14730050",
                          jurisdiction=square(318_000, 5_690_000, 2000),
                          enabled_modules=["events"])


@pytest.fixture
def other_town(db):
    return make_authority(name="Anderdorf", slug="anderdorf", ags="14730060",
                          jurisdiction=square(322_000, 5_690_000, 2000),
                          enabled_modules=["events"])


@pytest.fixture
def event(town):
    return build_event(town)


@pytest.fixture
def organiser(town):
    return make_staff(town, Role.PLANNER, username="organisatorin")


@pytest.fixture
def helper(town):
    return make_staff(town, Role.VIEWER, username="einlass")


@pytest.fixture
def stranger(other_town):
    build_event(other_town, title="Anderswo")
    return make_staff(other_town, Role.ADMIN, username="fremd")


@pytest.fixture
def citizen(db):
    return make_user("buergerin", first_name="Erika", last_name="Muster")
