"""The statement API: staff GeoJSON (scoped, with personal data) and the anonymised public
feed (approved statements of published plans only, never personal data)."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from planning.models import CoSignature, ModerationState, Statement, StatementSettings
from planning.services.plans import unpublish_plan

from .conftest import XSS, letter

pytestmark = pytest.mark.django_db

IDENTIFIERS = ["Erika Mustermann", "erika.mustermann@example.org", "Bachweg 3", "01234",
               "Musterstadt-Süd", "Bürgerinitiative Mühlbach", "geheime Details"]


def identified(tenant, **fields):
    statement = letter(tenant, name="Erika Mustermann", email="erika.mustermann@example.org",
                       street="Bachweg 3", postcode="01234", city="Musterstadt-Süd",
                       organisation="Bürgerinitiative Mühlbach",
                       text="Ich, Erika Mustermann, habe geheime Details.", **fields)
    Statement.objects.filter(pk=statement.pk).update(
        moderation=ModerationState.APPROVED, public_text=f"Bitte die Bäume erhalten. {XSS}")
    return Statement.objects.get(pk=statement.pk)


def test_staff_api_lists_own_statements_in_wgs84(client, own, foreign):
    mine = identified(own, topics=["Verkehr"])
    letter(foreign, name="Fritz Fremd")
    CoSignature.objects.create(statement=mine, name="Max", email="max@example.org",
                               confirmed_at=timezone.now())
    CoSignature.objects.create(statement=mine, name="Bot", email="bot@example.invalid")
    client.force_login(own.viewer)
    response = client.get(reverse("api:staff-statement-list"))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data["type"] == "FeatureCollection" and data["count"] == 1
    feature = data["features"][0]
    assert feature["id"] == str(mine.uid)
    assert feature["properties"]["name"] == "Erika Mustermann"
    assert feature["properties"]["cosignature_count"] == 1
    lon, lat = feature["geometry"]["coordinates"]
    expected = mine.location.transform(4326, clone=True)
    assert abs(lon - expected.x) < 1e-6 and abs(lat - expected.y) < 1e-6
    assert "Fritz Fremd" not in response.content.decode()
    # Filters work as on the page; the other tenant's plan is not a valid filter.
    assert client.get(reverse("api:staff-statement-list"), {"topic": "Grün"}).json()["count"] == 0
    assert client.get(reverse("api:staff-statement-list"),
                      {"plan": str(foreign.plan.uid)}).status_code == 400


def test_staff_api_refuses_unknown_parameters(client, own):
    identified(own)
    client.force_login(own.planner)
    for params in ({"name__startswith": "E"}, {"ordering": "email"},
                   {"email__contains": "@"}, {"authority": own.authority.pk}):
        response = client.get(reverse("api:staff-statement-list"), params)
        assert response.status_code == 400, params
        assert "Erika" not in response.content.decode()


def test_staff_api_detail(client, own, foreign):
    mine = identified(own)
    url = reverse("api:staff-statement-detail", kwargs={"uid": mine.uid})
    client.force_login(own.planner)
    data = client.get(url).json()
    assert data["properties"]["email"] == "erika.mustermann@example.org"
    assert data["properties"]["attachments"] == []
    client.force_login(foreign.planner)
    response = client.get(url)
    assert response.status_code == 404 and "Erika" not in response.content.decode()
    assert Client().get(url).status_code == 403


def test_public_feed_has_no_personal_data(client, own, foreign):
    mine = identified(own, topics=["Grün"])
    pending = letter(own, name="Paula Pending")
    theirs = identified(foreign)
    StatementSettings.objects.filter(phase=foreign.phase).update(display_publicly=False)
    response = Client().get(reverse("api:statement-list"))
    assert response.status_code == 200
    data = response.json()
    assert [f["id"] for f in data["features"]] == [str(mine.uid)]
    props = data["features"][0]["properties"]
    assert set(props) == {"reference", "authority", "plan", "plan_name", "phase", "received",
                          "topics", "text"}
    assert props["text"] == f"Bitte die Bäume erhalten. {XSS}" and props["topics"] == ["Grün"]
    assert props["received"] == "2026-10-01"
    assert data["features"][0]["geometry"]["type"] == "Point"
    raw = response.content.decode()
    body = json.dumps(data, ensure_ascii=False)
    for identifier in IDENTIFIERS + ["Paula Pending", str(pending.uid), str(theirs.uid)]:
        assert identifier not in raw and identifier not in body, identifier
    # Filters; unknown parameters are refused.
    assert Client().get(reverse("api:statement-list"),
                        {"plan": str(own.plan.uid)}).json()["numberReturned"] == 1
    assert Client().get(reverse("api:statement-list"),
                        {"authority": "fremdstadt"}).json()["numberReturned"] == 0
    assert Client().get(reverse("api:statement-list"), {"plan": "x"}).status_code == 400
    assert Client().get(reverse("api:statement-list"), {"name": "Erika"}).status_code == 400


def test_public_feed_hides_unpublished_plans(client, own):
    identified(own)
    unpublish_plan(plan=own.plan)
    assert Client().get(reverse("api:statement-list")).json()["features"] == []


def test_openapi_schema_still_generates(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/statements/", "/api/staff/statements/", "/api/staff/statements/{uid}/"):
        assert path in paths
    parameters = {p["name"] for p in paths["/api/staff/statements/"]["get"]["parameters"]}
    assert {"plan", "phase", "topic", "area", "late", "moderation"} <= parameters
