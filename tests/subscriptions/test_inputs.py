"""Bad subscribe input ends in a 400 with the form again, never a row or an e-mail."""

import json

import pytest
from django.core import mail

from participation.subscriptions.models import Subscription
from tests.adversarial.test_geometry_inputs import AREA_CASES, CPU_BOUND_S, timed

from .conftest import lon_lat, subscribe

pytestmark = pytest.mark.django_db


def _ring(*points):
    corners = [lon_lat(x, y) for x, y in points]
    return json.dumps({"type": "Polygon", "coordinates": [[*corners, corners[0]]]})


@pytest.mark.parametrize(("fields", "message"), [
    ({"area_kind": "point", "latitude": "51", "longitude": "13", "radius": "20001"},
     "less than or equal to 20000"),
    ({"area_kind": "point", "latitude": "51", "longitude": "13", "radius": "10"},
     "greater than or equal to 50"),
    ({"area_kind": "point", "latitude": "1e308", "longitude": "13"}, "less than or equal to 90"),
    ({"area_kind": "point", "latitude": "nan", "longitude": "13"}, "Enter a number"),
    ({"area_kind": "point", "latitude": "", "longitude": "13"}, "latitude and longitude"),
    ({"area_kind": "municipality", "municipality": ""}, "choose a municipality"),
    ({"area_kind": "municipality", "municipality": "gibt-es-nicht"}, "valid choice"),
    ({"area_kind": "drawn", "drawn": "{"}, "GeoJSON"),
    ({"area_kind": "drawn", "drawn": '{"type": "Polygon", "coordinates": [[[NaN, 1]]]}'}, "GeoJSON"),
    ({"area_kind": "drawn", "drawn": "[" * 5000 + "]" * 5000}, "GeoJSON"),
    ({"area_kind": "drawn", "drawn": '{"type": "Point", "coordinates": [13, 51]}'}, "must consist of polygons"),
    ({"area_kind": "drawn", "drawn": _ring((500_000, 5_650_000), (501_000, 5_651_000),
                                           (501_000, 5_650_000), (500_000, 5_651_000))},
     "crosses itself"),
    ({"area_kind": "drawn", "drawn": _ring((400_000, 5_600_000), (460_000, 5_600_000),
                                           (460_000, 5_660_000), (400_000, 5_660_000))},
     "too large"),
    ({"area_kind": "drawn", "drawn": ""}, "draw an area"),
    ({"area_kind": "address", "address": "Hauptstraße 1"}, ""),
    ({"area_kind": "municipality", "municipality": "innenstadt", "email": "kein-mail"},
     "valid email address"),
    ({"area_kind": "municipality", "municipality": "innenstadt",
      "email": "a@example.org\r\nBcc: b@example.org"}, "valid email address"),
    ({"area_kind": "municipality", "municipality": "innenstadt", "topics": ["nichts"]},
     "valid choice"),
    ({"area_kind": "municipality", "municipality": "innenstadt", "frequency": "hourly"},
     "valid choice"),
])
def test_refused(client, world, fields, message):
    # In English: the German texts are checked by tests/test_translations.py.
    response = subscribe(client, headers={"Accept-Language": "en"}, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_rate_limits_per_address(client, world, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS,
                                   "subscribe-address": settings.DOCUMENTED_RATE_LIMITS[
                                       "subscribe-address"]}
    allowed = int(settings.PORTAL_RATE_LIMITS["subscribe-address"].split("/")[0])
    for _i in range(allowed):
        assert subscribe(client, area_kind="municipality",
                         municipality="innenstadt").status_code == 302
    refused = subscribe(client, area_kind="municipality", municipality="innenstadt",
                        email="ERIKA@example.org ")
    assert refused.status_code == 429
    assert len(mail.outbox) == allowed


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _n, t, e in AREA_CASES],
                         ids=[n for n, _t, _e in AREA_CASES])
def test_drawn_area_refuses_the_hostile_geometries(client, world, text, expected):
    """The corpus of tests/adversarial/test_geometry_inputs.py, on the subscription's drawing."""
    response, cpu = timed(lambda: subscribe(client, headers={"Accept-Language": "en"},
                                            area_kind="drawn", drawn=text))
    assert response.status_code == 400
    assert expected in " ".join(response.context["form"].errors["drawn"])
    assert cpu < CPU_BOUND_S
    assert not Subscription.objects.exists()


def test_a_missing_radius_is_named_at_its_field(client, world):
    response = subscribe(client, headers={"Accept-Language": "en"}, area_kind="point",
                         latitude="51", longitude="13", radius="")
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["radius"] == ["Please enter a radius in metres."]
    assert "__all__" not in form.errors


def test_rate_limits_per_client(client, world, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS,
                                   "subscribe-client": settings.DOCUMENTED_RATE_LIMITS[
                                       "subscribe-client"]}
    allowed = int(settings.PORTAL_RATE_LIMITS["subscribe-client"].split("/")[0])
    for i in range(allowed):
        assert subscribe(client, area_kind="municipality", municipality="innenstadt",
                         email=f"person{i}@example.org").status_code == 302
    refused = subscribe(client, area_kind="municipality", municipality="innenstadt",
                        email="noch-eine@example.org")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert Subscription.objects.count() == allowed
