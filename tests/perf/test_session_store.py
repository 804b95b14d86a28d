"""The default session store (portal/session_store.py): one statement per write, and the same
guarantees as Django's database sessions – a taken key is never reused, a session that is gone
is not silently recreated by an update."""

import pytest
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from portal.session_store import SessionStore

pytestmark = pytest.mark.django_db(transaction=True)  # outside a transaction, as in a request


def test_a_new_session_is_one_insert_and_a_change_one_update():
    store = SessionStore()
    store["submitted_statements"] = ["a"]
    with CaptureQueriesContext(connection) as created:
        store.save()
    assert [q["sql"].split()[0] for q in created.captured_queries] == ["INSERT"]
    store["submitted_statements"] = ["a", "b"]
    with CaptureQueriesContext(connection) as changed:
        store.save()
    assert [q["sql"].split()[0] for q in changed.captured_queries] == ["UPDATE"]
    assert SessionStore(store.session_key)["submitted_statements"] == ["a", "b"]


def test_a_taken_key_is_never_overwritten(monkeypatch):
    first = SessionStore()
    first["who"] = "first"
    first.save()
    second = SessionStore()
    second._session_key = first.session_key
    second["who"] = "second"
    with pytest.raises(CreateError):
        second.save(must_create=True)
    keys = iter([first.session_key, "x" * 32])  # create() draws again after a collision
    monkeypatch.setattr(SessionStore, "_get_new_session_key", lambda self: next(keys))
    third = SessionStore()
    third["who"] = "third"
    third.create()
    assert third.session_key == "x" * 32
    assert SessionStore(first.session_key)["who"] == "first"
    assert Session.objects.count() == 2


def test_an_update_of_a_deleted_session_fails_instead_of_recreating_it():
    store = SessionStore()
    store["who"] = "citizen"
    store.save()
    Session.objects.all().delete()
    store["who"] = "changed"
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()


def test_inside_a_transaction_a_failed_insert_leaves_the_transaction_usable():
    taken = SessionStore()
    taken.save()
    with transaction.atomic():
        store = SessionStore()
        store._session_key = taken.session_key
        with pytest.raises(CreateError):
            store.save(must_create=True)
        assert Session.objects.filter(session_key=taken.session_key).count() == 1
