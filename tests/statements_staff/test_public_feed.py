"""The public statement feed (/api/statements/): its output pinned field by field, keyset pages,
the bbox filter and what never appears in it."""

import json

import pytest
from django.contrib.gis.geos import GEOSGeometry
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from planning.models import ModerationState, Statement, StatementSettings
from planning.services.phases import schedule_phase

from .conftest import XSS, letter

pytestmark = pytest.mark.django_db

FEED = "api:statement-list"


def approved(tenant, public_text="Bitte die Bäume erhalten.", **fields) -> Statement:
    statement = letter(tenant, **fields)
    Statement.objects.filter(pk=statement.pk).update(moderation=ModerationState.APPROVED,
                                                     public_text=public_text)
    return Statement.objects.select_related("plan", "phase", "authority").get(pk=statement.pk)


def expected_feature(statement: Statement) -> dict:
    """What the feed said about a statement before it was built in SQL (DRF-gis serializer)."""
    with translation.override("de"):
        phase = str(statement.phase.display_title)
    return {
        "id": str(statement.uid),
        "type": "Feature",
        "properties": {
            "reference": statement.reference,
            "authority": statement.authority.slug,
            "plan": str(statement.plan.uid),
            "plan_name": statement.plan.name,
            "phase": phase,
            "received": timezone.localtime(statement.received_at).date().isoformat(),
            "topics": statement.topics,
            "text": statement.public_text,
        },
    }


def assert_same_geometry(actual: dict | None, statement: Statement) -> None:
    if statement.location is None:
        assert actual is None
        return
    expected = statement.location.transform(4326, clone=True)
    got = GEOSGeometry(json.dumps(actual), srid=4326)
    assert got.geom_type == expected.geom_type
    # Rounded to 4 decimals (public_location.py): within half a unit of the last decimal.
    for (x, y), (ex, ey) in zip(_points(got), _points(expected), strict=True):
        assert round(x, 4) == x and round(y, 4) == y
        assert abs(x - ex) <= 0.00005 + 1e-9 and abs(y - ey) <= 0.00005 + 1e-9


def _points(geometry):
    if geometry.geom_type == "Point":
        return [geometry.coords]
    return list(geometry.coords[0])


def feed(**params):
    response = Client().get(reverse(FEED), params, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200, response.content
    return response


def test_feed_output_is_pinned_field_by_field(own, foreign):
    titled = schedule_phase(plan=own.plan, kind="baugb_3_2", title="Erneute Auslegung",
                            start_date=own.phase.start_date, end_date=own.phase.end_date)
    StatementSettings.objects.create(phase=titled, display_publicly=True)
    statements = [
        approved(own, topics=["Verkehr", "Grün"], public_text=f"Bäume „erhalten“ {XSS}\n\t\\"),
        approved(own, location="area"),
        approved(own, location=None, public_text="Ohne Ort"),
        approved(foreign, public_text="Drüben"),
    ]
    own.phase, phase = titled, own.phase
    statements.append(approved(own, public_text="Zweite Auslegung"))
    own.phase = phase
    data = feed().json()
    assert data["type"] == "FeatureCollection"
    by_id = {feature["id"]: feature for feature in data["features"]}
    assert set(by_id) == {str(s.uid) for s in statements}
    for statement in statements:
        feature = by_id[str(statement.uid)]
        expected = expected_feature(statement)
        assert {k: v for k, v in feature.items() if k != "geometry"} == expected
        assert list(feature["properties"]) == list(expected["properties"])
        assert_same_geometry(feature["geometry"], statement)
    assert by_id[str(statements[-1].uid)]["properties"]["phase"] == "Erneute Auslegung"
