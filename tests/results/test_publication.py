"""The public result page and the results API: only after a published release, without any
personal data (SECURITY.md G1), a mass objection once with its count."""

import json
import re

import pytest
from django.contrib.gis.geos import Point
from django.test import Client
from django.urls import reverse
from django.utils import translation

from planning.models import CoSignature, Decision, ModerationState, Statement
from planning.results.publication import number_ranges
from planning.results.release import release_results, set_publication
from planning.services.plans import unpublish_plan

from ..factories import make_authority
from .conftest import MASS_REASONING, add_statement, decide_everything

pytestmark = pytest.mark.django_db


def _urls(plan):
    return {
        "html": reverse("planning_results:public", args=[plan.authority.slug, plan.uid]),
        "json": reverse("api:plan-results", kwargs={"uid": plan.uid}),
        "geojson": reverse("api:plan-results-geojson", kwargs={"uid": plan.uid}),
    }


def _pii_patterns(plan) -> set[str]:
    """Every name, street, postcode, city and e-mail address stored with the plan's statements
    and co-signatures."""
    values = set()
    for row in Statement.objects.filter(plan=plan).values_list("name", "street", "postcode",
                                                               "email", "city"):
        values |= {v for v in row if v}
    values |= {v for row in CoSignature.objects.filter(statement__plan=plan).values_list(
        "name", "email", "postcode") for v in row if v}
    return values


def _leaks(text: str, values: set[str]) -> list[str]:
    """The values found in `text` as whole tokens: a postcode "01000" must not match inside
    "ST-2026-01000", a name "Person 1" not inside "Person 10" (substring check first: fast)."""
    return sorted(v for v in values if v in text
                  and re.search(rf"(?<![\w.-]){re.escape(v)}(?!\w)", text))


def test_not_public_before_a_published_release(small_plan, after_phase, client):
    plan, _phase, _s = small_plan
    urls = _urls(plan)
    assert {k: client.get(u).status_code for k, u in urls.items()} == dict.fromkeys(urls, 404)
    decide_everything(plan)
    outcome = release_results(plan=plan, publish=False)
    assert {k: client.get(u).status_code for k, u in urls.items()} == dict.fromkeys(urls, 404)
    set_publication(release=outcome.release, publish=True)
    assert {k: client.get(u).status_code for k, u in urls.items()} == dict.fromkeys(urls, 200)
    other = make_authority(name="Anderswo", slug="anderswo")
    wrong_slug = reverse("planning_results:public", args=[other.slug, plan.uid])
    assert client.get(wrong_slug).status_code == 404
    unpublish_plan(plan=plan)
    assert {k: client.get(u).status_code for k, u in urls.items()} == dict.fromkeys(urls, 404)


def test_plan_page_links_to_the_published_result(small_plan, after_phase, client):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan, publish=True)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert _urls(plan)["html"] in page and 'id="result-link"' in page


def test_thousand_statements_published_without_personal_data(thousand_statements, after_phase,
                                                             django_assert_max_num_queries):
    client = Client(headers={"accept-language": "en"})
    plan, phase = thousand_statements
    # Free text that repeats the submitter's address must not leak either.
    add_statement(plan, phase, "ST-2026-01001", minutes=2000, name="Person 1001",
                  street="Gasse 1001", postcode="02001", city="Dresden",
                  email="person1001@example.org", location_text="vor meinem Haus Gasse 1001",
                  moderation=ModerationState.APPROVED)
    add_statement(plan, phase, "ST-2026-01002", minutes=2001, name="Person 1002",
                  street="Gasse 1002", postcode="02002", city="Dresden",
                  location_text="Ecke Bachweg / Mühlgasse", moderation=ModerationState.PENDING)
    add_statement(plan, phase, "ST-2026-01003", minutes=2002, name="Person 1003",
                  location_text="Ecke Bachweg / Mühlgasse", moderation=ModerationState.APPROVED)
    decide_everything(plan)
    release_results(plan=plan, publish=True)
    urls = _urls(plan)
    with translation.override("en"):
        with django_assert_max_num_queries(10):
            html = client.get(urls["html"]).content.decode()
        with django_assert_max_num_queries(10):
            api = client.get(urls["json"])
        with django_assert_max_num_queries(10):
            geo = client.get(urls["geojson"])
    assert api.status_code == 200 and geo.status_code == 200
    assert geo["Content-Type"] == "application/geo+json"
    patterns = _pii_patterns(plan)
    assert len(patterns) > 3000
    assert _leaks("Person 17, Gasse 17, 01017; ST-2026-01017", patterns) == [
        "01017", "Gasse 17", "Person 17"]  # the scan finds what it looks for
    for label, text in (("html", html), ("json", api.content.decode()),
                        ("geojson", geo.content.decode())):
        assert _leaks(text, patterns) == [], label
        assert "example.org" not in text and "Stellungnahme 17:" not in text, label
        assert "Überschwemmungsgebiet verkleinert" not in text  # no statement text either

    data = api.json()
    assert data["statement_count"] == 1003
    assert len(data["entries"]) == 1003 - 300 + 1
    (mass,) = [e for e in data["entries"] if e["count"] > 1]
    assert mass["count"] == 300 and mass["group"] == "identical"
    assert mass["numbers"] == "1–300" and len(mass["references"]) == 300
    assert mass["decision"] == Decision.NOT_CONSIDERED and mass["reasoning"] == MASS_REASONING
    assert html.count(MASS_REASONING) == 1  # shown once
    assert "300 identical statements (mass objection)" in html
    counts = {row["decision"]: row["count"] for row in data["decisions"]}
    assert counts == {"considered": 703, "partly": 0, "not_considered": 300, "noted": 0}
    by_ref = {e["references"][0]: e for e in data["entries"]}
    assert by_ref["ST-2026-01003"]["location"] == "Ecke Bachweg / Mühlgasse"  # approved
    assert by_ref["ST-2026-01002"]["location"] == ""  # not checked for display
    assert by_ref["ST-2026-01001"]["location"] == ""  # repeats the home address
    assert by_ref["ST-2026-00301"]["location"] == "point marked on the map"

    features = geo.json()["features"]
    assert all(set(f["properties"]) >= {"number", "topics", "decision", "reasoning", "location"}
               for f in features)
    (mass_feature,) = [f for f in features if f["properties"]["count"] == 300]
    assert mass_feature["geometry"]["type"] == "MultiPoint"
    assert len(mass_feature["geometry"]["coordinates"]) == 225  # 3 of 4 have a place
    for feature in features:
        coordinates = feature["geometry"]["coordinates"]
        points = coordinates if feature["geometry"]["type"] == "MultiPoint" else [coordinates]
        assert all(13 < lon < 16 and 50 < lat < 52 for lon, lat in points)  # WGS84, Saxony


def test_sections_and_agencies_in_the_public_entries(small_plan, after_phase):
    client = Client(headers={"accept-language": "en"})
    plan, _phase, s = small_plan
    Statement.objects.filter(pk=s["mail"].pk).update(location=Point(
        plan.area.centroid.x, plan.area.centroid.y, srid=25832))
    decide_everything(plan)
    release_results(plan=plan)
    with translation.override("en"):
        data = client.get(_urls(plan)["json"]).json()
        html = client.get(_urls(plan)["html"]).content.decode()
    entries = {e["references"][0]: e for e in data["entries"]}
    split = entries["ST-2026-00011"]
    assert split["decision"] == Decision.PARTLY
    assert [(p["label"], p["decision"]) for p in split["parts"]] == [
        ("Section 1", "considered"), ("Section 2", "not_considered")]
    assert "Section 1: Eine Querungshilfe wird vorgesehen." in split["reasoning"]
    agency = entries["ST-2026-00008"]
    assert agency["submitted_by"] == "agency" and agency["agency"] == "Landesamt für Umwelt"
    assert "Landesamt für Umwelt" in html
    assert _leaks(html + json.dumps(data, ensure_ascii=False), _pii_patterns(plan)) == []


def test_openapi_schema_documents_the_result_endpoints(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    assert "/api/plans/{uid}/results/" in paths
    assert "/api/plans/{uid}/results.geojson" in paths


def test_number_ranges():
    assert number_ranges([1, 2, 3, 7, 9, 10]) == "1–3, 7, 9–10"
    assert number_ranges([5]) == "5"
