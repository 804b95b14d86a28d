"""Conformance class Core (OGC API Features Part 1, abstract test suite A.2): the landing page,
the API definition, the conformance declaration and the collections' metadata."""

import pytest

from .helpers import get, get_json, links, one_link

pytestmark = pytest.mark.django_db

CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
GEOJSON = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"
HTML = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html"
OAS30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


def test_landing_page_has_the_required_links(client, world):
    """/ats/core/root-op, /ats/core/root-success: 200 with links service-desc or service-doc,
    conformance and data; and self/alternate of the encodings."""
    response = client.get("/ogcapi/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    landing = response.json()
    assert landing["title"]
    for rel in ("self", "alternate", "service-desc", "service-doc", "conformance", "data"):
        assert links(landing, rel), rel
    assert one_link(landing, "self").endswith("f=json")
    assert one_link(landing, "alternate", "text/html").endswith("f=html")


def test_api_definition_is_openapi_30_naming_every_path(client, world):
    """/ats/core/api-definition-op, /ats/oas30/oas-definition-1: the service-desc is an
    OpenAPI 3.0 document with the paths of the Core resources and the items parameters."""
    landing = get_json(client, "/ogcapi/")
    url = one_link(landing, "service-desc")
    response = get(client, url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json;version=3.0"
    api = response.json()
    assert api["openapi"].startswith("3.0")
    assert {"/", "/conformance", "/collections", "/collections/{collectionId}",
            "/collections/{collectionId}/items",
            "/collections/{collectionId}/items/{featureId}"} <= set(api["paths"])
    parameters = api["components"]["parameters"]
    assert parameters["limit"]["schema"] | {} == {"type": "integer", "minimum": 1,
                                                  "maximum": 1000, "default": 100}
    assert {"bbox", "datetime", "limit", "offset"} <= set(parameters)
    # /ats/core/fc-bbox-definition, /ats/core/fc-time-definition, /ats/core/fc-limit-definition
    assert parameters["bbox"]["schema"]["items"] == {"type": "number"}
    assert parameters["bbox"]["schema"]["minItems"] == 4
    for name in ("bbox", "datetime", "limit"):
        assert parameters[name]["in"] == "query" and parameters[name]["required"] is False
        assert (parameters[name]["style"], parameters[name]["explode"]) == ("form", False)
    items = api["paths"]["/collections/{collectionId}/items"]["get"]["parameters"]
    assert {"$ref": "#/components/parameters/bbox"} in items
    assert get(client, one_link(landing, "service-doc")).status_code == 200


def test_conformance_declares_core_geojson_html_and_oas30(client, world):
    """/ats/core/conformance-op, /ats/core/conformance-success."""
    landing = get_json(client, "/ogcapi/")
    conformance = get_json(client, one_link(landing, "conformance"))
    assert {CORE, GEOJSON, HTML, OAS30} <= set(conformance["conformsTo"])


def test_collections_describe_every_published_collection(client, world):
    """/ats/core/fc-md-op, /ats/core/fc-md-success, /ats/core/fc-md-links,
    /ats/core/fc-md-items, /ats/core/fc-md-extent."""
    landing = get_json(client, "/ogcapi/")
    collections = get_json(client, one_link(landing, "data"))
    assert links(collections, "self")
    ids = [c["id"] for c in collections["collections"]]
    assert ids == ["plans-in-force", "plans-in-procedure", str(world["layer"].uid)]
    for collection in collections["collections"]:
        assert collection["title"] and collection["itemType"] == "feature"
        assert links(collection, "items", "application/geo+json")
        box = collection["extent"]["spatial"]["bbox"][0]
        assert collection["extent"]["spatial"]["crs"] == CRS84
        # Saxony: longitude before latitude (CRS84).
        assert 12 < box[0] <= box[2] < 16 and 50 < box[1] <= box[3] < 52, box
        detail = get_json(client, one_link(collection, "self"))
        assert detail["id"] == collection["id"] and detail["extent"] == collection["extent"]
        assert links(detail, "self") and links(detail, "alternate", "text/html")


def test_temporal_extent_of_plans_in_force_is_their_entry_into_force(client, world):
    collection = get_json(client, "/ogcapi/collections/plans-in-force")
    assert collection["extent"]["temporal"]["interval"] == [
        ["2020-03-01T00:00:00Z", "2022-03-01T00:00:00Z"]]


def test_unpublished_plans_and_their_layers_are_no_collection(client, world):
    collections = get_json(client, "/ogcapi/collections")
    text = str(collections)
    assert "Entwurf" not in text and "Geheime Ebene" not in text
    assert get(client, f"/ogcapi/collections/{world['hidden_layer'].uid}").status_code == 404
    assert get(client, f"/ogcapi/collections/{world['hidden_layer'].uid}/items").status_code == 404


@pytest.mark.parametrize("path", ["/ogcapi/collections/unbekannt",
                                  "/ogcapi/collections/unbekannt/items",
                                  "/ogcapi/collections/00000000-0000-4000-8000-000000000000"])
def test_unknown_collection_is_404(client, world, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "NotFound"


@pytest.mark.parametrize("path", ["/ogcapi/", "/ogcapi/conformance", "/ogcapi/collections",
                                  "/ogcapi/collections/plans-in-force"])
def test_unknown_query_parameter_is_400(client, world, path):
    """/req/core/query-param-unknown: a parameter the API definition does not name is 400."""
    response = client.get(path, {"bbbox": "1,2,3,4"})
    assert response.status_code == 400
    assert "bbbox" in response.json()["description"]


def test_unknown_format_is_400(client, world):
    assert client.get("/ogcapi/", {"f": "xml"}).status_code == 400


def test_writing_is_not_allowed(client, world):
    assert client.post("/ogcapi/collections/plans-in-force/items", {}).status_code == 405


def test_json_documents_may_be_read_from_other_origins(client, world):
    for path in ("/ogcapi/", "/ogcapi/collections/plans-in-force/items",
                 "/ogcapi/tilejson/plans.json"):
        assert client.get(path)["Access-Control-Allow-Origin"] == "*", path


def test_the_api_index_links_the_ogc_api(client, world):
    hrefs = {link["href"] for link in client.get("/api/").json()["links"]}
    assert "http://testserver/ogcapi/" in hrefs
