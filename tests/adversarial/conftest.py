"""Shared fixtures of the adversarial suite: a two-tenant world and the forms of its pages,
built once per module that uses them (inside a transaction rolled back when the module is done,
files in a temporary MEDIA_ROOT), and the loopback canary.

Not once per package: the world's open transaction would stay open through the package's other
modules, where transactional tests (layer ingest through the task worker, whose enqueue runs on
commit) and global counts (statements, plans) must not see it."""

import pytest
from django.db import transaction
from django.test import override_settings

from .canary import LoopbackCanary
from .crawl import discover_forms
from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """(tenant A, tenant B), shared by the tests of this module; each test's own writes are
    rolled back by pytest-django, the world itself when the module is done."""
    media = tmp_path_factory.mktemp("adversarial-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def discovered(world, django_db_blocker):
    """The POST forms of the first tenant's pages: {view name: (actor, form)}."""
    with django_db_blocker.unblock():
        return discover_forms(world[0])


@pytest.fixture
def canary():
    """A TCP server on 127.0.0.1 that counts connections; hostile inputs point at it."""
    with LoopbackCanary() as server:
        yield server
