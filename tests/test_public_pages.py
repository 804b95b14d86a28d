"""The public shell: state portal, tenant portals, GeoJSON in WGS84, language switch."""

import pytest
from django.urls import reverse

from .factories import make_authority, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    # Squares near Dresden (UTM 32: E 820 000 / N 5 655 000 is about 13.6°E 51.0°N).
    return [
        make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                       jurisdiction=square(820_000, 5_655_000, 5000), contact_email="bauamt@musterstadt.example"),
        make_authority(name="Beispieldorf", slug="beispieldorf", ags="14625010",
                       jurisdiction=square(830_000, 5_655_000, 5000)),
        make_authority(name="Geschlossen", slug="geschlossen", ags="14625020", is_active=False),
    ]


def test_directory_lists_active_authorities_and_searches(client, towns):
    page = client.get("/behoerden/").content.decode()
    assert "Musterstadt" in page and "Beispieldorf" in page and "Geschlossen" not in page
    page = client.get("/behoerden/", {"q": "muster"}).content.decode()
    assert "Musterstadt" in page and "Beispieldorf" not in page
    page = client.get("/behoerden/", {"q": "14625"}).content.decode()
    assert "Beispieldorf" in page and "Musterstadt" not in page


def test_tenant_portal_and_unknown_or_inactive_slug(client, towns):
    response = client.get("/musterstadt/")
    assert response.status_code == 200
    assert "bauamt@musterstadt.example" in response.content.decode()
    assert client.get("/gibtsnicht/").status_code == 404
    assert client.get("/geschlossen/").status_code == 404


def test_procedure_overview_of_the_state_and_of_an_authority(client, towns):
    html = client.get("/verfahren/").content.decode()
    assert "Alle Verfahren" in html and 'href="/verfahren/"' in html  # the site navigation
    assert client.get("/musterstadt/verfahren/").status_code == 200
    assert client.get("/gibtsnicht/verfahren/").status_code == 404
    assert client.get("/geschlossen/verfahren/").status_code == 404


def test_base_template_is_accessible_shell(client, towns):
    html = client.get("/behoerden/").content.decode()
    assert 'href="#main"' in html and '<main id="main"' in html
    assert '<html lang="de">' in html
    assert 'role="region"' in html and 'aria-label="Karte' in html or 'aria-label="Map' in html
    assert html.count("<h1") == 1


def test_language_switch_to_english(client, towns):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/musterstadt/"})
    assert response.status_code == 302 and response["Location"] == "/musterstadt/"
    html = client.get("/musterstadt/").content.decode()
    assert '<html lang="en">' in html and "Skip to main content" in html


def test_german_is_the_default(client, towns):
    html = client.get("/").content.decode()
    assert "Zum Hauptinhalt springen" in html
    assert "Landesportal Bauleitplanung" in html


def test_geojson_is_wgs84_and_reprojected_in_the_database(client, towns):
    data = client.get(reverse("api:authority-detail-geojson", kwargs={"slug": "musterstadt"})).json()
    feature = data["features"][0]
    assert feature["properties"]["slug"] == "musterstadt"
    ring = feature["geometry"]["coordinates"][0][0]
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    assert 13.3 < min(lons) < max(lons) < 13.8
    assert 50.8 < min(lats) < max(lats) < 51.1
    overview = client.get(reverse("api:authority-geojson")).json()
    assert {f["properties"]["slug"] for f in overview["features"]} == {"musterstadt", "beispieldorf"}


def test_geojson_of_inactive_or_unknown_is_404(client, towns):
    for slug in ("geschlossen", "gibtsnicht"):
        assert client.get(reverse("api:authority-detail-geojson", kwargs={"slug": slug})).status_code == 404


def test_public_api_lists_authorities_without_private_fields(client, towns):
    data = client.get(reverse("api:authority-list")).json()
    assert {row["slug"] for row in data["results"]} == {"musterstadt", "beispieldorf"}
    assert "contact_email" not in data["results"][0] and "dpo_email" not in data["results"][0]


def test_openapi_schema(client, towns):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/authorities/" in schema["paths"]
    assert "/api/staff/authorities/{id}/" in schema["paths"]


def test_reserved_slug_is_rejected(towns):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        make_authority(slug="admin", ags="14625030")
    assert "slug" in exc.value.message_dict
