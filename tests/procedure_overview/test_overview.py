"""The one overview of all procedures: filters, order, modules, tenancy, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import Address
from portal.procedures import listing, overview
from portal.procedures.registry import ProcedureKind, registered_temporarily

from .world import build_world

pytestmark = pytest.mark.django_db

ALL_IN_ORDER = [
    "B-Plan Lindenhof", "B-Plan Mühlbach", "Dialog Neue Mitte", "Umfrage Radwege",
    "Umfrage Spielplätze", "B-Plan Dorfanger",
    "Dialog Alter Markt", "Regionalplan Heide",
    "Dialog Ohne Termin",
]


@pytest.fixture
def world():
    return build_world()


def listed(client, path="/verfahren/", **params) -> list[str]:
    response = client.get(path, params)
    assert response.status_code == 200
    return [entry.procedure.title for entry in response.context["entries"]]


def test_order_open_then_upcoming_then_closed_and_exclusions(client, world):
    assert listed(client) == ALL_IN_ORDER
    html = client.get("/verfahren/").content.decode()
    # Neither the unpublished plan nor the dialogue of a village with the module off.
    assert "B-Plan Geheim" not in html and "Dialog Dorfplatz" not in html


def test_entry_shows_kind_authority_phase_dates_and_links(client, world):
    html = client.get("/verfahren/").content.decode()
    plan = world["plan_open"]
    assert f'href="{plan.get_absolute_url()}"' in html
    dialogue = world["dialogue"]
    assert f'href="/musterstadt/dialoge/{dialogue.uid}/"' in html
    assert f'href="/musterstadt/umfragen/{world["survey_open"].uid}/"' in html
    # The upcoming survey has no public page yet: listed without a link.
    assert f'/umfragen/{world["survey_upcoming"].uid}/' not in html
    phase = plan.procedure.phases.get()
    assert phase.start_date.strftime("%d.%m.%Y") in html and phase.end_date.strftime("%d.%m.%Y") in html
    assert "Regelverfahren" in html or "Regular plan procedure" in html
    assert "Dialog" in html and "Umfrage" in html and "Musterstadt" in html


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "dialogue"}, ["Dialog Neue Mitte", "Dialog Alter Markt", "Dialog Ohne Termin"]),
    ({"kind": "survey"}, ["Umfrage Radwege", "Umfrage Spielplätze"]),
    ({"status": "open"}, ALL_IN_ORDER[:4]),
    ({"status": "upcoming"}, ["Umfrage Spielplätze", "B-Plan Dorfanger"]),
    ({"status": "closed"}, ["Dialog Alter Markt", "Regionalplan Heide"]),
    ({"q": "mitte"}, ["Dialog Neue Mitte"]),
    ({"authority": "beispieldorf"}, ["B-Plan Dorfanger"]),
    ({"district": "landkreis-heide", "kind": "baugb_regular"},
     ["B-Plan Lindenhof", "B-Plan Mühlbach", "Regionalplan Heide"]),
    ({"kind": "survey", "status": "open"}, ["Umfrage Radwege"]),
])
def test_filters(client, world, params, expected):
    assert listed(client, **params) == expected


def test_unknown_filter_values_are_named_and_ignored(client, world):
    response = client.get("/verfahren/", {"kind": "quatsch", "status": "bald",
                                          "authority": "nirgendwo"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Unbekannte Verfahrensart „quatsch“" in html
    assert "Unbekannter Status" in html and "„nirgendwo“" in html
    assert [e.procedure.title for e in response.context["entries"]] == ALL_IN_ORDER


def test_near_a_place_by_address_and_by_municipality(client, world):
    from django.contrib.gis.geos import Point

    from portal.addresses import number_key, street_key

    # An address in the town's dialogue area (822 000 / 5 657 000, 300 m, storage SRID), about
    # 1 060 m from the corners of the two plans of the town, inside the unpublished plan.
    Address.objects.create(street="Marktstraße", street_key=street_key("Marktstraße"),
                           housenumber=number_key("3"), postcode="01234", city="Musterstadt",
                           location=Point(822_250, 5_657_250, srid=world["town"].jurisdiction.srid))
    near = listed(client, place="Marktstraße 3, Musterstadt", km="1")
    assert near == ["Dialog Neue Mitte"]
    # 5 km reach the two plans of the town and the district's plan; surveys have no place.
    assert listed(client, place="Marktstraße 3, Musterstadt", km="5") == [
        "B-Plan Lindenhof", "B-Plan Mühlbach", "Dialog Neue Mitte", "Regionalplan Heide"]
    # A municipality's name: around a point of its area.
    assert "B-Plan Dorfanger" in listed(client, place="Beispieldorf", km="5")
    html = client.get("/verfahren/", {"place": "Atlantis 9"}).content.decode()
    assert "Für „Atlantis 9“ wurde kein Ort gefunden" in html
    assert "Bitte wählen Sie einen Umkreis" in client.get(
        "/verfahren/", {"place": "Beispieldorf", "km": "7"}).content.decode()


def test_authority_page_shows_only_its_procedures_and_enabled_modules(client, world):
    assert listed(client, "/musterstadt/verfahren/") == [
        t for t in ALL_IN_ORDER if t not in ("B-Plan Dorfanger", "Regionalplan Heide")]
    assert listed(client, "/beispieldorf/verfahren/") == ["B-Plan Dorfanger"]
    # The authority filter of the state page has no effect on an authority's page.
    assert listed(client, "/beispieldorf/verfahren/", authority="musterstadt") == [
        "B-Plan Dorfanger"]
    assert client.get("/gibtsnicht/verfahren/").status_code == 404
    world["village"].is_active = False
    world["village"].save()
    assert client.get("/beispieldorf/verfahren/").status_code == 404
    assert "B-Plan Dorfanger" not in listed(client)


def test_module_switched_off_hides_its_procedures(client, world):
    town = world["town"]
    town.enabled_modules = ["bauleitplanung", "surveys"]
    town.save()
    titles = listed(client)
    assert not [t for t in titles if t.startswith("Dialog")]
    assert "Umfrage Radwege" in titles
    town.enabled_modules = []
    town.save()
    assert listed(client, "/musterstadt/verfahren/") == []
    assert client.get("/api/procedures/", {"authority": "musterstadt"}).json()["count"] == 0


def test_kind_without_listing_is_not_shown(client, world):
    from portal.models import Procedure

    kind = ProcedureKind("event_test", "Veranstaltung", "dialogues", ("dialogue_open",))
    with registered_temporarily(kind):
        Procedure.objects.create(authority=world["town"], kind="event_test", title="Fest")
        assert "Fest" not in listed(client)
        entry = listing.ProcedureListing(
            kinds=("event_test",),
            present=lambda ps: {p.pk: listing.Presentation(url="/fest/") for p in ps})
        with listing.registered_temporarily(entry):
            assert "Fest" in listed(client)
            assert "Fest" in listed(client, kind="event_test")
        assert "Fest" not in listed(client)


def test_queries_are_bounded_whatever_the_page_size(client, world, django_assert_max_num_queries):
    from .world import build_dialogue, make_plan, make_survey, phase

    with CaptureQueriesContext(connection) as few:
        client.get("/verfahren/")
    for n in range(12):
        build_dialogue(world["town"], title=f"Dialog {n}")
        make_survey(world["town"], title=f"Umfrage {n}")
        plan = make_plan(world["town"], name=f"B-Plan {n}")
        phase(plan.procedure, "baugb_3_2", -1, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/verfahren/")
    assert len(response.context["entries"]) == 20
    with django_assert_max_num_queries(12):
        assert client.get("/api/procedures/").status_code == 200


def test_pagination_keeps_filters(client, world):
    from .world import build_dialogue

    for n in range(25):
        build_dialogue(world["town"], title=f"Dialog Nummer {n:02d}")
    first = client.get("/verfahren/", {"kind": "dialogue"})
    assert len(first.context["entries"]) == 20
    html = first.content.decode()
    assert 'href="?kind=dialogue&amp;page=2"' in html
    second = client.get("/verfahren/", {"kind": "dialogue", "page": "2"})
    assert len(second.context["entries"]) == 8
    # A page number that is not one shows the first or last page, never an error.
    assert client.get("/verfahren/", {"page": "x"}).status_code == 200


def test_map_markers_for_procedures_with_a_place(client, world):
    config = client.get("/verfahren/").context["map_config"]
    features = config["procedures"]["features"]
    titles = {f["properties"]["title"] for f in features}
    assert {"B-Plan Mühlbach", "Dialog Neue Mitte"} <= titles
    assert "Umfrage Radwege" not in titles
    lon, lat = next(f for f in features if f["properties"]["title"] == "Dialog Neue Mitte")[
        "geometry"]["coordinates"]
    assert 13 < lon < 14.5 and 50.5 < lat < 51.5
    assert config["bounds"]


def test_state_and_authority_home_link_the_overview(client, world):
    assert 'href="/verfahren/"' in client.get("/").content.decode()
    assert 'href="/musterstadt/verfahren/"' in client.get("/musterstadt/").content.decode()


def test_verfahren_is_a_reserved_slug():
    from django.core.exceptions import ValidationError

    from portal.slugs import validate_not_reserved

    with pytest.raises(ValidationError):
        validate_not_reserved("verfahren")


def test_filtered_service_order_without_http(world):
    procedures = overview.filtered(overview.public_procedures(), overview.Filters())
    assert [p.title for p in procedures] == ALL_IN_ORDER


def test_hostile_titles_stay_text_in_list_and_map_data(client, world):
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    dialogue = world["dialogue"]
    dialogue.procedure.title = hostile
    dialogue.procedure.save()
    response = client.get("/verfahren/", {"q": "script"})
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the list
    assert "\\u003Cscript\\u003E" in html  # the map's JSON data block (json_script)
    body = client.get("/api/procedures/", {"q": "script"}).json()
    assert body["results"][0]["title"] == hostile  # JSON carries the text; clients escape it


def test_a_survey_limited_to_an_area_has_that_place(client, world):
    from ..factories import square

    survey = world["survey_open"]
    question = survey.questions.get(order=2)  # the point question
    question.limit_area = square(860_000, 5_655_000, 1000)  # in Beispieldorf
    question.save()
    titles = listed(client, place="Beispieldorf", km="5")
    assert "Umfrage Radwege" in titles and "Umfrage Spielplätze" not in titles
    feature = next(f for f in client.get("/verfahren/").context["map_config"]["procedures"][
        "features"] if f["properties"]["title"] == "Umfrage Radwege")
    assert feature["geometry"]["type"] == "Point"
    item = next(i for i in client.get("/api/procedures/", {"kind": "survey"}).json()["results"]
                if i["title"] == "Umfrage Radwege")
    assert item["location"]["type"] == "Point"
