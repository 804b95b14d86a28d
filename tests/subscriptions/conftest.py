"""A world of two municipalities with a published plan each, and helpers for the journey."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.gis.geos import Point
from django.core import mail

from gis.srid import WGS84
from tests.factories import make_authority, make_plan, square

#: Before the phases open (Berlin: 1.9.2026 12:00).
BEFORE = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
#: The first phase day (2.9.2026) has begun.
OPENED = datetime(2026, 9, 2, 10, 0, tzinfo=UTC)

CONFIRM_LINK = re.compile(r"http://testserver(/benachrichtigungen/bestaetigen/[A-Za-z0-9_-]{43}/)")
UNSUBSCRIBE_LINK = re.compile(r"http://testserver(/benachrichtigungen/abmelden/[A-Za-z0-9_-]{43}/)")


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}


@pytest.fixture
def clock():
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock):
    inside = make_authority(name="Gemeinde Innenstadt", slug="innenstadt",
                            jurisdiction=square(500_000, 5_650_000, 3000))
    outside = make_authority(name="Gemeinde Außendorf", slug="aussendorf",
                             jurisdiction=square(520_000, 5_650_000, 3000))
    plan_in = make_plan(inside, name="B-Plan Marktplatz", number="12",
                        area=square(501_000, 5_651_000, 400))
    plan_out = make_plan(outside, name="B-Plan Feldweg", number="7",
                         area=square(521_000, 5_651_000, 400))
    return {"inside": inside, "outside": outside, "plan_in": plan_in, "plan_out": plan_out}


def lon_lat(x: float, y: float) -> tuple[float, float]:
    from gis.srid import storage_srid

    point = Point(x, y, srid=storage_srid())
    point.transform(WGS84)
    return point.x, point.y


def subscribe(client, headers=None, **fields) -> object:
    data = {"email": "erika@example.org", "topics": ["procedures", "results"],
            "frequency": "immediate", "radius": "500"}
    data.update(fields)
    return client.post("/benachrichtigungen/", data, headers=headers)


def confirm_from_mail(client, message) -> None:
    path = CONFIRM_LINK.search(message.body).group(1)
    response = client.post(path)
    assert response.status_code == 200


def subscribed(client, **fields):
    """Subscribe and confirm through HTTP; the outbox is emptied."""
    response = subscribe(client, **fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(mail.outbox) == 1
    confirm_from_mail(client, mail.outbox[0])
    mail.outbox.clear()


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, with what a request queues on commit (e-mails) run at its end."""

    class Committing:
        def __getattr__(self, name):
            return getattr(client, name)

        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

    return Committing()
