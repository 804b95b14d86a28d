import re

import pytest
from django.urls import reverse

from portal.models import Role

from ..factories import add_totp, make_authority, make_staff, make_user, totp_code

PASSWORD = "pw"  # tests/factories.make_user


@pytest.fixture
def town(db):
    return make_authority(name="Musterstadt", slug="musterstadt")


@pytest.fixture
def other_town(db):
    return make_authority(name="Nachbarort", slug="nachbarort")


@pytest.fixture
def admin(town):
    return make_staff(town, Role.ADMIN, "admina", first_name="Anna", last_name="Admin")


@pytest.fixture
def planner(town):
    return make_staff(town, Role.PLANNER, "planerin", first_name="Petra", last_name="Planer")


@pytest.fixture
def other_admin(other_town):
    return make_staff(other_town, Role.ADMIN, "fremd-admin")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def password_login(client, username: str, password: str = PASSWORD, next_url: str = ""):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def sign_in_with_code(client, user, secret: str):
    """Password, then the current TOTP code: a complete staff sign-in over HTTP."""
    password_login(client, user.username)
    return client.post(reverse("staff_account:second-factor"),
                       {"code": totp_code(secret), "next": "/staff/"})


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


__all__ = ["PASSWORD", "add_totp", "make_user", "password_login", "sign_in_with_code",
           "link_in"]
