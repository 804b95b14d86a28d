"""SESSION_ENGINE from the environment (docs/deploy.md "Sessions"): a staff sign-in, the second
factor included, works with sessions in the cache (Redis in production) as with the database."""

import pytest
from django.contrib.sessions.models import Session

from tests.factories import make_authority, make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("engine", "rows"), [
    ("portal.session_store", 1),  # the default: database sessions, one statement per write
    ("django.contrib.sessions.backends.db", 1),
    ("django.contrib.sessions.backends.cached_db", 1),
    ("django.contrib.sessions.backends.cache", 0),
])
def test_staff_stay_signed_in_with_each_session_engine(client, settings, engine, rows):
    settings.SESSION_ENGINE = engine
    authority = make_authority()
    client.force_login(make_staff(authority, "editor"))
    response = client.get("/staff/")
    assert response.status_code == 200
    assert response.context["user"].is_authenticated
    assert Session.objects.count() == rows
