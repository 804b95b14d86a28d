"""Run by test_replicas.py with tests.operations.replica_settings (a replica alias that mirrors
the default database): which requests read from the replica. Skipped in any other run."""

import pytest
from django.conf import settings
from django.db import connections
from django.test.utils import CaptureQueriesContext

from portal.operations.replicas import PIN_COOKIE
from tests.factories import make_authority, make_staff

pytestmark = [
    pytest.mark.skipif("replica" not in settings.DATABASES,
                       reason="needs tests.operations.replica_settings"),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


def get(client, path, **headers):
    with CaptureQueriesContext(connections["default"]) as primary, \
            CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get(path, **headers)
    return response, primary, replica


def test_an_anonymous_get_reads_from_the_replica(client):
    authority = make_authority()
    response, primary, replica = get(client, f"/{authority.slug}/")
    assert response.status_code == 200
    assert authority.name in response.content.decode()
    assert len(replica) > 0
    assert len(primary) == 0


def test_a_post_reads_from_the_primary_and_pins_the_visitor(client):
    make_authority()
    with CaptureQueriesContext(connections["default"]) as primary, \
            CaptureQueriesContext(connections["replica"]) as replica:
        response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert len(replica) == 0 and len(primary) > 0
    assert response.cookies[PIN_COOKIE]["max-age"] == settings.PORTAL_REPLICA_PIN_SECONDS
    assert response.cookies[PIN_COOKIE]["httponly"]


def test_the_page_after_a_write_reads_from_the_primary(client):
    authority = make_authority()
    client.cookies[PIN_COOKIE] = "1"
    response, primary, replica = get(client, f"/{authority.slug}/")
    assert response.status_code == 200
    assert len(replica) == 0 and len(primary) > 0


def test_embedded_pages_read_from_the_primary(client):
    """A frame may not keep the cookie a write sets: its pages never read a replica."""
    authority = make_authority()
    response, primary, replica = get(client, f"/einbetten/{authority.slug}/")
    assert len(replica) == 0 and len(primary) > 0


def test_staff_read_from_the_primary(client):
    authority = make_authority()
    client.force_login(make_staff(authority, "editor"))
    response, primary, replica = get(client, f"/{authority.slug}/")
    assert response.status_code == 200
    assert len(replica) == 0 and len(primary) > 0
    response, primary, replica = get(client, "/staff/")
    assert len(replica) == 0


def test_health_and_management_use_the_primary(client):
    """Outside a public request (probes, commands, the task worker) nothing reads a replica."""
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert client.get("/health/ready").json()["checks"]["database:replica"] == "ok"
        from portal.models import Authority

        list(Authority.objects.all())
    assert [query["sql"] for query in replica] == ["SELECT 1"]
