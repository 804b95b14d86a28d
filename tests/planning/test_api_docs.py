"""The API reference page /api/docs/ and its try-it forms (GET /api/docs/try/<operation_id>/)."""

import json
import re
from html import unescape

import pytest

from ..factories import make_authority, make_plan

pytestmark = pytest.mark.django_db

DOCS = "/api/docs/"


def _schema(client) -> dict:
    return json.loads(client.get("/api/schema/", {"format": "json"}).content)


def _operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [(method, path, op) for path, item in schema["paths"].items()
            for method, op in item.items() if method in ("get", "post", "put", "patch", "delete")]


def test_the_index_links_the_reference_as_service_doc(client):
    links = client.get("/api/").json()["links"]
    docs = [link for link in links if link["rel"] == "service-doc"]
    assert [(link["href"], link["type"]) for link in docs] == [
        ("http://testserver/api/docs/", "text/html")]
    assert client.get(docs[0]["href"]).status_code == 200


def test_every_operation_of_the_schema_is_on_the_page(client):
    response = client.get(DOCS)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = unescape(response.content.decode())
    operations = _operations(_schema(client))
    assert len(operations) >= 15
    for method, path, op in operations:
        assert f"<code>{method.upper()} {path}</code>" in html, path
        assert op["operationId"] in html
        if op.get("summary"):
            assert op["summary"] in html
        for parameter in op.get("parameters", []):
            assert f"<code>{parameter['name']}</code>" in html
        for status in op["responses"]:
            assert f"<strong>{status}</strong>" in html
    for action in re.findall(r'<form method="get" action="([^"]+)"', html):
        assert action.startswith("/api/docs/try/")


def test_page_is_german_first_and_english_on_request(client):
    assert "Parameter" in client.get(DOCS).content.decode()
    assert "API-Referenz" in client.get(DOCS).content.decode()
    english = client.get(DOCS, headers={"accept-language": "en"}).content.decode()
    assert "API reference" in english and "Try it" in english


def test_the_footer_links_the_reference(client):
    assert 'href="/api/docs/"' in client.get("/").content.decode()


def test_the_plan_list_form_redirects_to_the_collection(client):
    authority = make_authority()
    for n in range(3):
        make_plan(authority, name=f"Plan {n}")
    response = client.get("/api/docs/try/plans_list/", {"limit": "2", "q": "", "status": ""})
    assert response.status_code == 302
    assert response["Location"] == "/api/plans/?limit=2"
    answer = client.get(response["Location"])
    assert answer.status_code == 200 and answer.json()["numberReturned"] == 2


def test_a_detail_form_puts_the_uuid_into_the_path(client):
    plan = make_plan(make_authority(), name="B-Plan Lindenweg")
    response = client.get("/api/docs/try/plans_retrieve/", {"uid": str(plan.uid).upper()})
    assert response.status_code == 302
    assert response["Location"] == f"/api/plans/{plan.uid}/"
    assert client.get(response["Location"]).json()["properties"]["name"] == "B-Plan Lindenweg"


def test_tile_forms_fill_every_path_parameter(client):
    response = client.get("/api/docs/try/plan_tiles/",
                          {"z": "3", "x": "4", "y": "5", "status": "open"})
    assert response.status_code == 302
    assert response["Location"] == "/tiles/plans/3/4/5.pbf?status=open"


@pytest.mark.parametrize(("operation_id", "values", "message"), [
    ("plans_retrieve", {"uid": "../../admin"}, "muss eine UUID"),
    ("plans_retrieve", {"uid": "//evil.example/"}, "muss eine UUID"),
    ("plans_retrieve", {"uid": ""}, "ist erforderlich"),
    ("plans_retrieve", {}, "ist erforderlich"),
    ("authorities_retrieve", {"slug": "a/../../admin"}, "Buchstaben, Ziffern"),
    ("authorities_retrieve", {"slug": "https:"}, "Buchstaben, Ziffern"),
    ("authorities_retrieve", {"slug": "%2F%2Fevil.example"}, "Buchstaben, Ziffern"),
    ("authorities_retrieve", {"slug": "ä" * 3}, "Buchstaben, Ziffern"),
    ("staff_authority_retrieve", {"id": "-1"}, "ganze Zahl"),
    ("staff_authority_retrieve", {"id": "1e3"}, "ganze Zahl"),
    ("plan_tiles", {"z": "99", "x": "0", "y": "0"}, "zwischen 0 und 22"),
    ("plans_list", {"status": "everything"}, "muss einer der Werte"),
    ("plans_list", {"limit": "two"}, "ganze Zahl"),
    ("plans_list", {"q": "a\r\nLocation: //evil.example"}, "höchstens 500 Zeichen"),
    ("plans_list", {"next": "https://evil.example/"}, "Unbekannte Parameter"),
])
def test_hostile_values_are_refused_with_a_clear_message(client, operation_id, values, message):
    response = client.get(f"/api/docs/try/{operation_id}/", values)
    assert response.status_code == 400
    assert "Location" not in response
    assert message in unescape(response.content.decode())


def test_a_repeated_parameter_is_refused(client):
    response = client.get("/api/docs/try/plans_list/?limit=2&limit=3")
    assert response.status_code == 400 and "mehr als einmal" in response.content.decode()


def test_no_redirect_ever_leaves_the_api(client):
    """Whatever is submitted, the answer is a refusal or a relative path of this portal."""
    hostile = ["//evil.example", "https://evil.example/", "\\\\evil.example", "/\\evil.example",
               "javascript:alert(1)", "%0d%0aSet-Cookie:x=1", "1/../../", "00000000-0000-4000-"
               "8000-000000000000/../../x", "\x00", "   "]
    for op in ("plans_retrieve", "authorities_retrieve", "staff_authority_retrieve",
               "plan_tiles", "layer_geojson", "plans_list"):
        for value in hostile:
            for name in ("uid", "slug", "id", "z", "q", "authority"):
                response = client.get(f"/api/docs/try/{op}/", {name: value})
                if response.status_code == 302:
                    location = response["Location"]
                    assert location.startswith("/") and not location.startswith("//"), location
                    assert "evil" not in location.split("?")[0]
                else:
                    assert response.status_code == 400, (op, name, value)


def test_unknown_operations_and_other_methods_are_refused(client):
    assert client.get("/api/docs/try/no_such_operation/").status_code == 404
    assert client.post("/api/docs/try/plans_list/", {"limit": "2"}).status_code == 405
    assert client.post(DOCS).status_code == 405
