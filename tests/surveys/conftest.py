import pytest

from portal.models import Role
from tests.factories import make_authority, make_staff

from .world import make_survey


@pytest.fixture
def towns(db):
    on = make_authority(name="Radstadt", slug="radstadt", enabled_modules=["surveys"])
    other = make_authority(name="Nachbarort", slug="nachbarort", enabled_modules=["surveys"])
    off = make_authority(name="Ohnestadt", slug="ohnestadt")
    return {"on": on, "other": other, "off": off}


@pytest.fixture
def survey(towns):
    return make_survey(towns["on"])


@pytest.fixture
def staff(towns):
    return make_staff(towns["on"], Role.PLANNER, username="radplaner")


@pytest.fixture
def other_staff(towns):
    return make_staff(towns["other"], Role.ADMIN, username="nachbaradmin")
