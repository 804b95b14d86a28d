import pytest

from portal.models import Role
from tests.factories import make_authority, make_staff, make_user, square

from .world import build_dialogue


@pytest.fixture
def town(db):
    return make_authority(name="Mitteldorf", slug="mitteldorf", ags="14730050",
                          jurisdiction=square(318_000, 5_690_000, 2000),
                          enabled_modules=["dialogues"])


@pytest.fixture
def other_town(db):
    return make_authority(name="Anderdorf", slug="anderdorf", ags="14730060",
                          jurisdiction=square(322_000, 5_690_000, 2000),
                          enabled_modules=["dialogues"])


@pytest.fixture
def world(town):
    return build_dialogue(town)


@pytest.fixture
def moderator(town):
    return make_staff(town, Role.MODERATOR, username="moderatorin")


@pytest.fixture
def other_moderator(other_town):
    build_dialogue(other_town, title="Anderswo")
    return make_staff(other_town, Role.ADMIN, username="fremd")


@pytest.fixture
def citizen(db):
    return make_user("buergerin", first_name="Erika", last_name="Muster")
