"""Address search through a configured (Nominatim-compatible) geocoder, served locally."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.gis.geos import Point

from ..factories import make_authority, make_plan, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def geocoder(settings):
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            query = parse_qs(urlparse(self.path).query)
            requests.append(query)
            if query["q"][0] == "Bachweg 3, Musterstadt":
                centre = Point(820_200, 5_655_200, srid=25832).transform(4326, clone=True)
                body = [{"lat": str(centre.y), "lon": str(centre.x),
                         "display_name": "Bachweg 3, Musterstadt"}]
            elif query["q"][0] == "Absurd 1":  # a broken or hostile geocoder
                body = [{"lat": "1e200", "lon": "13.7", "display_name": "Absurd 1"}]
            else:
                body = []
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PORTAL_GEOCODER_URL = f"http://127.0.0.1:{server.server_port}/search"
    yield requests
    server.shutdown()


@pytest.fixture
def plan():
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    return make_plan(town, name="Altmarkt", area=square(820_000, 5_655_000, 400))


def test_address_finds_the_plan_that_applies_there(client, plan, geocoder):
    response = client.get("/", {"q": "Bachweg 3, Musterstadt"})
    assert [p.name for p in response.context["plans"]] == ["Altmarkt"]
    assert geocoder[0]["countrycodes"] == ["de"] and geocoder[0]["format"] == ["jsonv2"]
    assert "Bachweg 3, Musterstadt" in response.content.decode()


def test_unknown_address_finds_nothing_and_says_so(client, plan, geocoder):
    response = client.get("/", {"q": "Nirgendwostraße 1"})
    assert list(response.context["plans"]) == []


def test_out_of_range_answer_is_ignored_not_turned_into_a_geometry(client, plan, geocoder):
    # A Point with 1e200 would reach SpatiaLite as WKT, whose GEOS writer dies on it (issue #9).
    response = client.get("/", {"q": "Absurd 1"})
    assert response.status_code == 200
    assert list(response.context["plans"]) == []


def test_geocoder_down_is_explained_and_names_still_work(client, plan, settings):
    settings.PORTAL_GEOCODER_URL = "http://127.0.0.1:9/search"  # closed port
    response = client.get("/", {"q": "Bachweg 3, Musterstadt"})
    assert response.status_code == 200
    assert "Adresssuche" in response.content.decode()
    assert [p.name for p in client.get("/", {"q": "Altmarkt"}).context["plans"]] == ["Altmarkt"]


def test_without_geocoder_municipality_search_works(client, plan, settings):
    settings.PORTAL_GEOCODER_URL = ""
    assert [p.name for p in client.get("/", {"q": "Musterstadt"}).context["plans"]] == ["Altmarkt"]
