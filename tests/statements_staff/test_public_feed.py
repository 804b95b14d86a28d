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


def _wgs84_bbox(geometry, margin=0.0) -> str:
    minx, miny, maxx, maxy = geometry.transform(4326, clone=True).extent
    return ",".join(str(v) for v in (minx - margin, miny - margin, maxx + margin, maxy + margin))


def test_keyset_pages_cover_every_statement_once_in_one_query_each(
        own, foreign, django_assert_max_num_queries):
    statements = [approved(own, public_text=f"Nummer {n}") for n in range(5)]
    statements += [approved(foreign, public_text=f"Drüben {n}") for n in range(3)]
    seen, url, pages = [], reverse(FEED) + "?page_size=3", 0
    while url:
        with django_assert_max_num_queries(3) as captured:
            response = Client().get(url)
        statement_queries = [q["sql"] for q in captured.captured_queries
                             if "planning_statement" in q["sql"]]
        assert len(statement_queries) == 1, statement_queries
        assert "COUNT(" not in statement_queries[0].upper()
        assert "OFFSET" not in statement_queries[0].upper()
        data = response.json()
        assert data["numberReturned"] == len(data["features"]) <= 3
        seen += [feature["id"] for feature in data["features"]]
        url, pages = data["next"], pages + 1
        if url:
            assert response["Link"] == f'<{url}>; rel="next"; type="application/geo+json"'
            assert {"rel": "next", "type": "application/geo+json", "href": url} in data["links"]
        else:
            assert "Link" not in response
    assert pages == 3 and len(seen) == len(set(seen)) == 8
    assert set(seen) == {str(s.uid) for s in statements}
    # Newest first; the filters stay in the next link.
    first = Client().get(reverse(FEED), {"page_size": 3, "authority": own.authority.slug}).json()
    assert [f["id"] for f in first["features"]] == [str(s.uid) for s in statements[4:1:-1]]
    rest = Client().get(first["next"]).json()
    assert [f["id"] for f in rest["features"]] == [str(s.uid) for s in statements[1::-1]]
    assert rest["next"] is None


def test_page_size_is_capped_and_bad_paging_is_refused(own):
    approved(own)
    assert len(feed(page_size="20000").json()["features"]) == 1
    for params in ({"page_size": "0"}, {"page_size": "x"}, {"page_size": "-1"},
                   {"cursor": "abc"}, {"cursor": "1e5"}, {"cursor": "9" * 30}, {"page": "2"},
                   {"offset": "10"}):
        response = Client().get(reverse(FEED), params, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, params
        assert set(response.json()) == set(params), response.json()


def test_bbox_selects_the_statements_whose_place_lies_in_it(own, foreign):
    inside = approved(own)
    area = approved(own, location="area")
    approved(own, location=None)
    approved(foreign)
    data = feed(bbox=_wgs84_bbox(own.plan.area, margin=0.001)).json()
    assert {f["id"] for f in data["features"]} == {str(inside.uid), str(area.uid)}
    # A rectangle next to the statements' places selects none; the bbox stays in the next link.
    minx, miny, maxx, maxy = own.plan.area.transform(4326, clone=True).extent
    assert feed(bbox=f"{maxx + 0.01},{miny},{maxx + 0.02},{maxy}").json()["features"] == []
    page = feed(bbox=_wgs84_bbox(own.plan.area, margin=0.001), page_size=1).json()
    assert "bbox=" in page["next"] and "cursor=" in page["next"]


@pytest.mark.parametrize("bbox, message", [
    ("1,2,3", "Erwartet werden 4 durch Kommas getrennte Zahlen"),
    ("a,b,c,d", "Erwartet werden 4"),
    ("nan,50,14,51", "Erwartet werden 4"),
    ("13,50,inf,51", "Erwartet werden 4"),
    ("13,50,14,51,15", "Erwartet werden 4"),
    ("14,50,13,51", "Die bbox muss die Form minLon,minLat,maxLon,maxLat haben."),
    ("13,51,14,51", "Die bbox muss die Form"),
    ("13,50,190,51", "Länge und Breite in WGS84"),
    ("13,-91,14,51", "Länge und Breite in WGS84"),
    ("1e308,50,14,51", "Länge und Breite in WGS84"),
    ("1" * 300, "Erwartet werden 4"),
])
def test_invalid_bbox_is_refused_with_a_clear_message(own, bbox, message):
    approved(own)
    response = Client().get(reverse(FEED), {"bbox": bbox}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert message in response.json()["bbox"][0]


def test_english_bbox_message(own):
    response = Client().get(reverse(FEED), {"bbox": "14,50,13,51"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"bbox": ["The bbox must be minLon,minLat,maxLon,maxLat."]}


def test_only_public_statements_and_no_personal_data_appear(own, foreign):
    shown = approved(own)
    hidden = [
        letter(own, name="Paula Pending", email="paula@example.org"),
        approved(own, public_text=""),
    ]
    rejected = approved(own, public_text="Abgelehnt")
    Statement.objects.filter(pk=rejected.pk).update(moderation=ModerationState.REJECTED)
    hidden.append(rejected)
    hidden.append(approved(foreign, public_text="Nicht öffentlich"))
    StatementSettings.objects.filter(phase=foreign.phase).update(display_publicly=False)
    response = feed(page_size="10000")
    raw = response.content.decode()
    assert [f["id"] for f in response.json()["features"]] == [str(shown.uid)]
    for text in ["Erika Mustermann", "Bachweg", "01234", "Paula", "paula@example.org",
                 "Bitte den Bach offen lassen.", "Abgelehnt", "Nicht öffentlich",
                 *(str(s.uid) for s in hidden)]:
        assert text not in raw, text
    own.authority.is_active = False
    own.authority.save(update_fields=["is_active"])
    assert feed().json()["features"] == []
