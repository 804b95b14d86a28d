"""Open311 GeoReport v2, written from the specification's example requests and answers."""

import json
from io import StringIO
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command

from participation.incidents.models import IncidentReport, Open311Key
from participation.incidents.services.status import change_status

from .conftest import EAST_X, WEST_X, Y, lat_lon_of

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


@pytest.fixture
def api_key(area):
    out = StringIO()
    call_command("open311_key", "create", "--authority", "westdorf", "--client", "Test-App",
                 "--json", stdout=out)
    return json.loads(out.getvalue())["api_key"]


def create(client, key, fmt="json", **extra):
    lat, lon = lat_lon_of(WEST_X, Y)
    data = {"api_key": key, "jurisdiction_id": "westdorf", "service_code": "pothole",
            "lat": str(lat), "long": str(lon), "address_string": "Hauptstraße 1",
            "description": "Schlagloch", "attribute[size]": "small",
            "email": "app@example.org", "first_name": "Erika", "last_name": "Muster"}
    data.update(extra)
    return client.post(f"{BASE}/requests.{fmt}", {k: v for k, v in data.items() if v is not None})


def test_key_is_stored_hashed_only(api_key):
    stored = Open311Key.objects.get()
    assert api_key not in (stored.key_hash, stored.prefix) and len(stored.key_hash) == 64


def test_services_json_and_xml(client, area):
    response = client.get(f"{BASE}/services.json", {"jurisdiction_id": "westdorf"})
    services = response.json()
    assert services == [{"service_code": "pothole", "service_name": "Schlagloch",
                         "description": "Loch in der Straße", "metadata": True,
                         "type": "realtime", "keywords": "", "group": ""}]
    root = ET.fromstring(client.get(f"{BASE}/services.xml",
                                    {"jurisdiction_id": "westdorf"}).content)
    assert root.tag == "services"
    assert root.find("service/service_code").text == "pothole"
    assert root.find("service/metadata").text == "true"


def test_service_definition(client, area):
    data = client.get(f"{BASE}/services/pothole.json", {"jurisdiction_id": "westdorf"}).json()
    attribute = data["attributes"][0]
    assert data["service_code"] == "pothole"
    assert attribute["code"] == "size" and attribute["datatype"] == "singlevaluelist"
    assert attribute["required"] is True and attribute["variable"] is True
    assert attribute["values"] == [{"key": "small", "name": "klein"},
                                   {"key": "large", "name": "groß"}]
    root = ET.fromstring(client.get(f"{BASE}/services/pothole.xml",
                                    {"jurisdiction_id": "westdorf"}).content)
    assert root.tag == "service_definition"
    assert [v.text for v in root.findall("attributes/attribute/values/value/key")] == [
        "small", "large"]


def test_create_list_and_read_back_in_json_and_xml(client, area, api_key):
    response = create(client, api_key)
    assert response.status_code == 201
    created = response.json()[0]
    reference = created["service_request_id"]
    report = IncidentReport.objects.get(reference=reference)
    assert report.answers == {"size": "small"} and report.channel == "open311"
    xml_response = create(client, api_key, fmt="xml", description="Zweites Loch")
    root = ET.fromstring(xml_response.content)
    assert root.tag == "service_requests" and root.find("request/service_request_id").text

    listed = client.get(f"{BASE}/requests.json", {"jurisdiction_id": "westdorf",
                                                  "service_code": "pothole", "status": "open"})
    assert {r["service_request_id"] for r in listed.json()} >= {reference}
    item = client.get(f"{BASE}/requests/{reference}.json",
                      {"jurisdiction_id": "westdorf"}).json()[0]
    assert item["status"] == "open" and item["service_code"] == "pothole"
    assert item["address"] == "Hauptstraße 1" and "email" not in item
    assert abs(item["lat"] - lat_lon_of(WEST_X, Y)[0]) < 1e-6
    xml_item = ET.fromstring(client.get(f"{BASE}/requests/{reference}.xml",
                                        {"jurisdiction_id": "westdorf"}).content)
    assert xml_item.find("request/service_request_id").text == reference
    assert client.get(f"{BASE}/requests.json", {"jurisdiction_id": "westdorf",
                                                "status": "closed"}).json() == []
    change_status(report=report, status="closed", public_answer="Erledigt")
    closed = client.get(f"{BASE}/requests.json", {"jurisdiction_id": "westdorf",
                                                  "status": "closed"}).json()
    assert [r["status_notes"] for r in closed] == ["Erledigt"]
    ids = client.get(f"{BASE}/requests.json", {"jurisdiction_id": "westdorf",
                                               "service_request_id": reference}).json()
    assert [r["service_request_id"] for r in ids] == [reference]
    later = client.get(f"{BASE}/requests.json", {"jurisdiction_id": "westdorf",
                                                 "start_date": "2099-01-01T00:00:00Z"}).json()
    assert later == []


def error_of(response):
    if response["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        return int(root.find("error/code").text), root.find("error/description").text
    item = response.json()[0]
    return item["code"], item["description"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("change, status", [
    ({"api_key": "falsch"}, 403),
    ({"service_code": "unbekannt"}, 404),
    ({"lat": None, "long": None}, 400),
    ({"lat": None, "long": None, "address_string": ""}, 400),
    ({"lat": "NaN"}, 400),
    ({"lat": "51,5,3"}, 400),
    ({"long": "1e400"}, 400),
    ({"jurisdiction_id": "gibt-es-nicht"}, 404),
    ({"attribute[size]": "riesig"}, 400),
    ({"description": ""}, 400),
])
def test_errors_in_the_spec_format(client, area, api_key, fmt, change, status):
    response = create(client, api_key, fmt=fmt, **change)
    assert response.status_code == status
    code, description = error_of(response)
    assert code == status and description
    assert not IncidentReport.objects.exists()


def test_key_of_another_authority_cannot_post_there(client, area, api_key):
    lat, lon = lat_lon_of(EAST_X, Y)
    response = client.post(f"{BASE}/requests.json", {
        "api_key": api_key, "jurisdiction_id": "ostdorf", "service_code": "light",
        "lat": lat, "long": lon, "description": "Lampe aus"})
    assert response.status_code == 403 and not IncidentReport.objects.exists()


def test_place_outside_the_jurisdiction_is_400(client, area, api_key):
    lat, lon = lat_lon_of(EAST_X, Y)
    response = create(client, api_key, lat=str(lat), long=str(lon))
    assert response.status_code == 400 and "Ostdorf" in error_of(response)[1]


def test_unknown_request_and_module_off(client, area):
    response = client.get(f"{BASE}/requests/EM-1999-00001.xml", {"jurisdiction_id": "westdorf"})
    assert response.status_code == 404 and error_of(response)[0] == 404
    assert client.get(f"{BASE}/services.json",
                      {"jurisdiction_id": "ohnedorf"}).status_code == 404
    assert client.get(f"{BASE}/services.json").status_code == 400  # several jurisdictions


def test_discovery(client, area):
    data = client.get("/open311/discovery.json").json()
    assert data["endpoints"][0]["url"].endswith("/open311/v2/")
    root = ET.fromstring(client.get("/open311/discovery.xml").content)
    assert root.find("endpoints/endpoint/formats/format").text == "text/xml"


def test_demo_data_gives_categories_and_reports_once(client):
    from fixtures.demo import load_demo_data

    load_demo_data()
    load_demo_data()
    # Four of fixtures/demo_incidents.py, two on the demo trail (fixtures/demo_trails.py).
    assert IncidentReport.objects.count() == 6
    assert IncidentReport.objects.filter(category__trail_category__isnull=True).count() == 4
    assert set(IncidentReport.objects.values_list("status", flat=True)) == {
        "open", "in_progress", "closed"}
    services = client.get(f"{BASE}/services.json", {"jurisdiction_id": "musterstadt"}).json()
    assert {s["service_code"] for s in services} == {"schlagloch", "laterne", "muell"}
    assert client.get("/musterstadt/meldungen/neu/").status_code == 200


def test_updates_extension_after_staff_change_the_status(client, area, api_key):
    reference = create(client, api_key).json()[0]["service_request_id"]
    report = IncidentReport.objects.get(reference=reference)
    change_status(report=report, status="in_progress", public_answer="Wir sehen es uns an.")
    change_status(report=report, status="closed", public_answer="Geflickt.")
    updates = client.get(f"{BASE}/servicerequestupdates.json",
                         {"jurisdiction_id": "westdorf"}).json()
    assert [(u["service_request_id"], u["status"], u["description"]) for u in updates] == [
        (reference, "open", ""), (reference, "open", "Wir sehen es uns an."),
        (reference, "closed", "Geflickt.")]
    assert set(updates[0]) == {"update_id", "service_request_id", "status", "updated_datetime",
                               "description", "media_url"}
    root = ET.fromstring(client.get(f"{BASE}/servicerequestupdates.xml",
                                    {"jurisdiction_id": "westdorf"}).content)
    assert root.tag == "service_request_updates"
    assert [e.text for e in root.findall("request_update/status")] == ["open", "open", "closed"]
    none = client.get(f"{BASE}/servicerequestupdates.json",
                      {"jurisdiction_id": "westdorf", "end_date": "2000-01-01T00:00:00+01:00"})
    assert none.json() == []
    bad = client.get(f"{BASE}/servicerequestupdates.json",
                     {"jurisdiction_id": "westdorf", "start_date": "gestern"})
    assert bad.status_code == 400 and error_of(bad)[0] == 400


def test_staff_issue_and_revoke_keys_of_their_authority_only(client, area, west_staff):
    from portal.models import Role
    from tests.factories import make_staff

    client.force_login(west_staff)  # a viewer: no key management
    assert client.get("/staff/meldungen/open311-schluessel/").status_code == 404
    admin = make_staff(area["west"], Role.ADMIN, username="westadmin")
    client.force_login(admin)
    response = client.post("/staff/meldungen/open311-schluessel/",
                           {"authority": area["west"].pk, "client_name": "Stadt-App"})
    plain = ET.fromstring(
        response.content.decode().split('<code id="new-api-key">')[1].split("</code>")[0]
        .join(["<k>", "</k>"])).text
    key = Open311Key.objects.get(client_name="Stadt-App")
    assert key.authority == area["west"] and plain not in key.key_hash
    assert create(client, plain).status_code == 201
    # Another authority cannot be chosen; a foreign key cannot be revoked.
    assert client.post("/staff/meldungen/open311-schluessel/", {
        "authority": area["east"].pk, "client_name": "x"}).status_code == 400
    from participation.incidents.services.api_keys import issue_key

    foreign, _plain = issue_key(authority=area["east"], client_name="Fremd")
    assert client.post("/staff/meldungen/open311-schluessel/",
                       {"revoke": foreign.pk}).status_code == 404
    client.post("/staff/meldungen/open311-schluessel/", {"revoke": key.pk})
    key.refresh_from_db()
    assert not key.is_active
    assert create(client, plain).status_code == 403


def test_several_media_per_request(client, area):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from participation.incidents.location import point_from_lat_lon
    from participation.incidents.services.reports import NewReport, create_report

    from .conftest import jpeg_with_gps

    report, _ = create_report(report=NewReport(
        category=area["pothole"], location=point_from_lat_lon(*lat_lon_of(WEST_X, Y)),
        description="Mit Fotos", answers={"size": "small"}),
        photos=[SimpleUploadedFile("a.jpg", jpeg_with_gps()),
                SimpleUploadedFile("b.jpg", jpeg_with_gps())])
    item = client.get(f"{BASE}/requests/{report.reference}.json",
                      {"jurisdiction_id": "westdorf"}).json()[0]
    assert len(item["media_urls"]) == 2 and item["media_url"] == item["media_urls"][0]
    assert client.get(item["media_url"].replace("http://testserver", "")).status_code == 200
    root = ET.fromstring(client.get(f"{BASE}/requests/{report.reference}.xml",
                                    {"jurisdiction_id": "westdorf"}).content)
    assert len(root.findall("request/media_urls/media_url")) == 2
