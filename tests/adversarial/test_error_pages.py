"""The portal's own error pages: in its design, German first and English, right status codes;
under DEBUG a 404 is the portal's page too, while a 500 keeps Django's debug page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ..factories import make_authority

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.adversarial.error_page_urls")]

PAGES = {
    # path: (status, German heading, English heading)
    "/gibt-es-nicht/auch-nicht/": (404, "Seite nicht gefunden", "Page not found"),
    "/unbekannte-behoerde/": (404, "Seite nicht gefunden", "Page not found"),
    "/fehler/403/": (403, "Zugriff verweigert", "Access denied"),
    "/fehler/400/": (400, "Ungültige Anfrage", "Bad request"),
    "/fehler/500/": (500, "Etwas ist schiefgelaufen", "Something went wrong"),
}


@pytest.fixture
def browser_client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["de", "en"])
def test_error_page_in_the_portal_design_and_language(browser_client, path, language):
    status, german, english = PAGES[path]
    response = browser_client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{german if language == 'de' else english}</h1>" in html
    assert 'class="site-header"' in html and "portal/css/portal.css" in html
    assert "Content-Security-Policy" in response


def test_500_page_needs_no_database(browser_client):
    make_authority(slug="musterstadt")
    with CaptureQueriesContext(connection) as queries:
        response = browser_client.get("/fehler/500/")
    assert response.status_code == 500
    assert len(queries) == 0


def test_forged_host_gets_the_400_page(browser_client):
    response = browser_client.get("/", HTTP_HOST="angreifer.example", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert "<h1>Ungültige Anfrage</h1>" in response.content.decode()


def test_expired_form_gets_the_portal_csrf_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a", "password": "b"},
                           HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Das Formular konnte nicht gesendet werden</h1>" in html
    assert "Cookies für diese Seite müssen erlaubt sein" in html


def test_debug_404_is_the_portal_page(browser_client, settings):
    settings.DEBUG = True
    for path in ("/gibt-es-nicht/auch-nicht/", "/unbekannte-behoerde/"):
        response = browser_client.get(path, HTTP_ACCEPT_LANGUAGE="de")
        html = response.content.decode()
        assert response.status_code == 404, path
        assert "<h1>Seite nicht gefunden</h1>" in html, path
        assert "URLconf" not in html and "admin/" not in html.split("<main", 1)[1], path


def test_debug_404_can_show_the_url_patterns_again(browser_client, settings):
    settings.DEBUG = True
    settings.PORTAL_TECHNICAL_404_IN_DEBUG = True
    response = browser_client.get("/gibt-es-nicht/auch-nicht/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()


def test_debug_500_keeps_the_debug_page(browser_client, settings):
    settings.DEBUG = True
    response = browser_client.get("/fehler/500/")
    assert response.status_code == 500
    assert "a bug on purpose" in response.content.decode()
