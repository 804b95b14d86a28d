import pytest

from portal.models import Role
from tests.factories import make_authority, make_staff

from .world import make_session


@pytest.fixture
def towns(db):
    on = make_authority(name="Radstadt", slug="radstadt", enabled_modules=["livevoting"])
    other = make_authority(name="Nachbarort", slug="nachbarort", enabled_modules=["livevoting"])
    return {"on": on, "other": other}


@pytest.fixture
def session(towns):
    return make_session(towns["on"])


@pytest.fixture
def moderator(towns):
    return make_staff(towns["on"], Role.MODERATOR, username="radmoderation")


@pytest.fixture
def other_staff(towns):
    return make_staff(towns["other"], Role.ADMIN, username="nachbaradmin")
