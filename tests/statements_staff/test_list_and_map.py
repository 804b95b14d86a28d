"""The staff list of statements: filters (incl. an area drawn on the map), pagination, query
count, the map's GeoJSON and vector tiles, and hostile text kept inert."""

import json

import pytest
from django.contrib.gis.geos import Polygon
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from planning.models import Channel, ModerationState, Statement, SubmitterKind
from portal.models import Role

from ..factories import make_staff
from .conftest import AFTER_END, XSS, letter, point_in

pytestmark = pytest.mark.django_db
LIST = "planning_statements_staff:list"


def rows(response) -> list[str]:
    return [s.reference for s in response.context["page"].object_list]


def test_list_shows_own_statements_with_personal_data(client, own, foreign):
    mine = letter(own, name="Erika Mustermann")
    theirs = letter(foreign, name="Fritz Fremd")
    client.force_login(own.viewer)  # every role may read
    with translation.override("en"):
        response = client.get(reverse(LIST))
    assert response.status_code == 200
    assert rows(response) == [mine.reference]
    page = response.content.decode()
    assert "Erika Mustermann" in page and "Fritz Fremd" not in page
    assert str(theirs.uid) not in page
    assert response["Cache-Control"] == "private, no-store"
    # A viewer cannot enter statements: no links to the entry and import pages.
    assert 'id="enter-statement"' not in page


def test_anonymous_user_is_sent_to_the_login(client, own):
    response = client.get(reverse(LIST))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_filters(client, own):
    first = letter(own, text="Verkehr am Bachweg", topics=["Verkehr"], name="Anna")
    late = letter(own, text="Zu spät", received_at=AFTER_END, name="Bernd")
    email = letter(own, text="Grünfläche erhalten", topics=["Grün"], channel=Channel.EMAIL,
                   name="Clara", organisation="Naturschutzbund")
    agency = letter(own, text="Keine Bedenken der Wasserbehörde", name="")
    Statement.objects.filter(pk=agency.pk).update(submitter_kind=SubmitterKind.AGENCY,
                                                  moderation=ModerationState.APPROVED)
    client.force_login(own.planner)

    def refs(**params):
        response = client.get(reverse(LIST), params)
        assert response.status_code == 200, response.context["form"].errors
        return set(rows(response))

    assert refs() == {first.reference, late.reference, email.reference, agency.reference}
    assert refs(plan=str(own.plan.uid), phase=own.phase.pk) == refs()
    assert refs(topic="Verkehr") == {first.reference}
    assert refs(topic="Grün") == {email.reference}
    assert refs(late="yes") == {late.reference}
    assert late.reference not in refs(late="no")
    assert refs(channel="email") == {email.reference}
    assert refs(submitter_kind="agency") == {agency.reference}
    assert refs(moderation="approved") == {agency.reference}
    assert refs(q="naturschutz") == {email.reference}
    assert refs(q=first.reference) == {first.reference}
    assert refs(q="bachweg", topic="Verkehr", channel="letter") == {first.reference}


def test_foreign_or_unknown_filter_values_show_nothing_of_the_other_tenant(client, own, foreign):
    letter(own)
    theirs = letter(foreign, name="Fritz Fremd")
    client.force_login(own.planner)
    for params in ({"plan": str(foreign.plan.uid)}, {"phase": foreign.phase.pk},
                   {"channel": "fax"}, {"moderation": "x"}, {"plan": "not-a-uuid"},
                   {"area": "[[[["}):
        response = client.get(reverse(LIST), params)
        assert response.status_code == 400, params
        assert rows(response) == []
        assert str(theirs.uid) not in response.content.decode()
        assert "Fritz Fremd" not in response.content.decode()


def _wgs84_box_around(statement, size=0.002):
    point = statement.location.transform(4326, clone=True)
    return Polygon.from_bbox((point.x - size, point.y - size, point.x + size, point.y + size))


def test_area_drawn_on_the_map_filters_in_sql(client, own):
    inside = letter(own, text="innen")
    outside = letter(own, text="außen", location=None)
    corner = letter(own, text="Ecke")
    Statement.objects.filter(pk=corner.pk).update(location=point_in(own.plan, 380, 380))
    area = letter(own, text="Fläche", location="area")
    client.force_login(own.planner)
    box = _wgs84_box_around(inside, size=0.0004)
    response = client.get(reverse(LIST), {"area": box.geojson})
    assert response.status_code == 200
    assert set(rows(response)) == {inside.reference, area.reference}
    assert outside.reference not in rows(response)
    # The same filter on the map data and the staff API.
    data = client.get(reverse("planning_statements_staff:map-data"), {"area": box.geojson}).json()
    assert {f["properties"]["reference"] for f in data["features"]} == {inside.reference,
                                                                       area.reference}
    api = client.get(reverse("api:staff-statement-list"), {"area": box.geojson}).json()
    assert {f["properties"]["reference"] for f in api["features"]} == {inside.reference,
                                                                      area.reference}


def test_hostile_areas_are_refused_with_a_message(client, own):
    client.force_login(own.planner)
    bowtie = json.dumps({"type": "Polygon",
                         "coordinates": [[[13, 51], [13.1, 51.1], [13.1, 51], [13, 51.1], [13, 51]]]})
    for bad in (bowtie, '{"type":"Point","coordinates":[13,51]}',
                '{"type":"Polygon","coordinates":[[[NaN,1],[2,2],[3,1],[NaN,1]]]}',
                "[" * 50_000 + "]" * 50_000):
        with translation.override("en"):
            response = client.get(reverse(LIST), {"area": bad})
        assert response.status_code == 400
        assert response.context["form"].errors["area"]
        api = client.get(reverse("api:staff-statement-list"), {"area": bad})
        assert api.status_code == 400


def test_pagination_and_constant_query_count(client, own):
    for i in range(3):
        letter(own, text=f"Stellungnahme {i}", topics=["Verkehr"])
    client.force_login(own.planner)
    url = reverse(LIST)
    client.get(url)  # warm caches that are not per request (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"topic": "Verkehr"}).status_code == 200
    for i in range(57):
        letter(own, text=f"Mehr {i}", topics=["Verkehr"], location="area" if i % 2 else "point")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"topic": "Verkehr"})
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(rows(response)) == 50 and response.context["page"].paginator.count == 60
    second = client.get(url, {"topic": "Verkehr", "page": 2})
    assert len(rows(second)) == 10
    assert 'rel="next"' in response.content.decode()
    # The staff API and the map data: constant too.
    with CaptureQueriesContext(connection) as api_many:
        assert client.get(reverse("api:staff-statement-list")).status_code == 200
    Statement.objects.filter(text__startswith="Mehr").delete()
    with CaptureQueriesContext(connection) as api_few:
        assert client.get(reverse("api:staff-statement-list")).status_code == 200
    assert len(api_many.captured_queries) == len(api_few.captured_queries)


def test_map_data_is_points_in_wgs84_for_points_and_areas(client, own):
    point = letter(own)
    area = letter(own, location="area")
    letter(own, location=None)
    client.force_login(own.planner)
    response = client.get(reverse("planning_statements_staff:map-data"))
    assert response["Content-Type"] == "application/geo+json"
    assert response["X-Content-Type-Options"] == "nosniff"
    data = response.json()
    assert data["total"] == 2 and not data["truncated"]
    by_ref = {f["properties"]["reference"]: f for f in data["features"]}
    expected = point.location.transform(4326, clone=True)
    lon, lat = by_ref[point.reference]["geometry"]["coordinates"]
    assert abs(lon - expected.x) < 1e-5 and abs(lat - expected.y) < 1e-5
    assert by_ref[area.reference]["geometry"]["type"] == "Point"
    area_wgs84 = area.location.transform(4326, clone=True)
    from django.contrib.gis.geos import Point

    assert area_wgs84.buffer(1e-6).contains(Point(*by_ref[area.reference]["geometry"]["coordinates"],
                                                  srid=4326))
    assert by_ref[point.reference]["properties"]["url"] == reverse(
        "planning_statements_staff:detail", args=[point.uid])


def test_vector_tiles_of_statements(client, own, foreign):
    from gis.tiles.grid import lonlat_to_tile

    mine = letter(own)
    letter(foreign)
    client.force_login(own.planner)
    point = mine.location.transform(4326, clone=True)
    tile = lonlat_to_tile(point.x, point.y, 14)
    url = reverse("planning_statements_staff:tile", kwargs={"z": tile.z, "x": tile.x, "y": tile.y})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    assert response["Cache-Control"].startswith("private")
    import mapbox_vector_tile

    decoded = mapbox_vector_tile.decode(response.content)
    refs = [f["properties"]["reference"] for f in decoded["statements"]["features"]]
    assert refs == [mine.reference]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    # The other tenant's planner gets an empty tile at the same place.
    client.force_login(foreign.planner)
    assert client.get(url).status_code == 204
    empty = reverse("planning_statements_staff:tile", kwargs={"z": 14, "x": 0, "y": 0})
    assert client.get(empty).status_code == 204
    bad = reverse("planning_statements_staff:tile", kwargs={"z": 3, "x": 9, "y": 0})
    assert client.get(bad).status_code == 404


def test_hostile_text_is_inert_in_list_detail_map_data_and_api(client, own):
    statement = letter(own, text=f"Achtung {XSS} Ende", name=f"Eve {XSS}",
                       organisation="=HYPERLINK(\"http://x\",\"klick\")")
    client.force_login(own.planner)
    for url in (reverse(LIST), reverse("planning_statements_staff:detail", args=[statement.uid])):
        page = client.get(url).content.decode()
        assert XSS not in page
        assert "&lt;img src=x onerror=" in page
    raw = client.get(reverse("planning_statements_staff:map-data"))
    assert b"<img" not in raw.content and b"onerror" in raw.content
    feature = raw.json()["features"][0]
    assert feature["properties"]["excerpt"].startswith(f"Achtung {XSS}")  # data, not markup
    api = client.get(reverse("api:staff-statement-list"))
    assert api["Content-Type"].startswith("application/json")
    props = api.json()["features"][0]["properties"]
    assert props["text"] == f"Achtung {XSS} Ende" and props["name"] == f"Eve {XSS}"


def test_csv_export_is_scoped_and_neutralises_formulas(client, own, foreign):
    mine = letter(own, text='=HYPERLINK("http://x","klick")', name="+cmd", organisation="@SUM(A1)")
    theirs = letter(foreign, name="Fritz Fremd")
    client.force_login(own.viewer)
    response = client.get(reverse("planning_statements_staff:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode("utf-8-sig")
    assert text.count("ST-2026-") == 1 and "Fritz Fremd" not in text and theirs.name not in text
    assert mine.reference in text
    assert '"\'=HYPERLINK(""http://x"",""klick"")"' in text
    assert '"\'+cmd"' in text and '"\'@SUM(A1)"' in text
    for line in text.splitlines()[1:]:
        for cell in line.split(";"):
            assert not cell.strip('"').startswith(("=", "+", "@"))
    # Filters apply to the export too.
    filtered = client.get(reverse("planning_statements_staff:export"), {"channel": "email"})
    assert mine.reference not in filtered.content.decode("utf-8-sig")


def test_moderator_of_a_parent_authority_sees_nothing_but_a_parent_admin_does(client, own):
    from ..factories import make_authority

    statement = letter(own)
    district = make_authority(name="Landkreis", slug="landkreis", kind="district", ags="14625000")
    own.authority.parent = district
    own.authority.save()
    client.force_login(make_staff(district, Role.MODERATOR, "kreis-moderation"))
    assert rows(client.get(reverse(LIST))) == []
    client.force_login(make_staff(district, Role.ADMIN, "kreis-admin"))
    assert rows(client.get(reverse(LIST))) == [statement.reference]
