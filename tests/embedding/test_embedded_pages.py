"""Embedded pages over HTTP: headers per page type, forms without cookies, tokens, staff."""

import time
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from participation.incidents.models import IncidentReport
from planning.models import Statement
from portal.embedding import tokens
from portal.models import Role

from ..factories import make_authority, make_staff, square
from ..incidents.test_pages import form_data
from .conftest import HOST, directives, hidden

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


def cookieless() -> Client:
    """A browser in a third-party frame: no cookies kept, CSRF checks as in production."""
    client = Client(enforce_csrf_checks=True)
    return client


def embedded_get(path):
    client = cookieless()
    response = client.get(path)
    client.cookies.clear()
    return response


def test_embed_pages_name_the_authoritys_origins_and_drop_x_frame_options(embeddable):
    slug = embeddable.authority.slug
    for path in (f"/einbetten/{slug}/", f"/einbetten/{slug}/plaene/{embeddable.uid}/",
                 f"/einbetten/{slug}/karte/"):
        response = embedded_get(path)
        assert response.status_code == 200, path
        assert directives(response)["frame-ancestors"] == [
            "'self'", HOST, "https://rathaus.musterstadt.de:8443"], path
        assert "X-Frame-Options" not in response, path
        assert "site-header" not in response.content.decode(), path
        assert "embed-frame.js" in response.content.decode(), path
        assert directives(response)["script-src"][0] == "'self'", path


def test_every_other_page_keeps_deny(embeddable):
    slug = embeddable.authority.slug
    for path in (f"/{slug}/", f"/{slug}/plaene/{embeddable.uid}/", "/", "/behoerden/"):
        response = embedded_get(path)
        assert response["X-Frame-Options"] == "DENY", path
        assert directives(response)["frame-ancestors"] == ["'none'"], path


def test_authority_without_origins_is_not_embeddable(plan):
    response = embedded_get(f"/einbetten/{plan.authority.slug}/")
    assert response.status_code == 200
    assert directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_another_authoritys_origins_never_appear(embeddable):
    other = make_authority(name="Nachbarstadt", slug="nachbarstadt", ags="14612999",
                           jurisdiction=square(830_000, 5_650_000, 2000),
                           embed_origins="https://www.nachbarstadt.de")
    response = embedded_get(f"/einbetten/{other.slug}/")
    assert directives(response)["frame-ancestors"] == ["'self'", "https://www.nachbarstadt.de"]
    # A plan of Musterstadt under Nachbarstadt's prefix: 404, not Musterstadt's page.
    assert embedded_get(f"/einbetten/{other.slug}/plaene/{embeddable.uid}/").status_code == 404
    assert embedded_get("/einbetten/unbekannt/").status_code == 404


def test_parent_origin_is_used_only_when_it_is_on_the_list(embeddable):
    slug = embeddable.authority.slug
    ok = embedded_get(f"/einbetten/{slug}/?eltern={HOST}").content.decode()
    assert f'data-embed-parent="{HOST}"' in ok
    for bad in ("https://evil.example", "https://www.musterstadt.de.evil.example", "*", "null",
                "javascript:alert(1)"):
        page = embedded_get(f"/einbetten/{slug}/?eltern={bad}").content.decode()
        assert 'data-embed-parent=""' in page, bad


def test_page_that_is_not_embeddable_opens_a_new_window(embeddable):
    slug = embeddable.authority.slug
    response = embedded_get(f"/einbetten/{slug}/plaene/{embeddable.uid}/stellungnahmen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/{slug}/plaene/{embeddable.uid}/stellungnahmen/" target="_blank"' in html


def _statement_payload(html: str) -> dict:
    key = hidden(html, "idempotency_key")
    return {"idempotency_key": key, "rendered": hidden(html, "rendered"),
            "embed_token": hidden(html, "embed_token"), "website": "",
            "text": "Bitte den Bach offen lassen.", "anonymous": "yes", "email": "",
            "privacy_accepted": "on", "location": ""}


def test_statement_without_cookies_with_signed_token_and_receipt_grant(embeddable, phase, notice):
    slug, uid = embeddable.authority.slug, embeddable.uid
    path = f"/einbetten/{slug}/plaene/{uid}/stellungnahme/?eltern={HOST}"
    with time_machine.travel(OPEN, tick=False):
        page = embedded_get(path)
    assert page.status_code == 200
    data = _statement_payload(page.content.decode())
    with time_machine.travel(OPEN + timedelta(minutes=2), tick=False):
        response = cookieless().post(path, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        location = response["Location"]
        statement = Statement.objects.get()
        assert location.startswith(f"/einbetten/{slug}/plaene/{uid}/stellungnahme/{statement.uid}/")
        query = parse_qs(urlsplit(location).query)
        assert query["eltern"] == [HOST] and query["beleg"]
        receipt = embedded_get(location)
        assert receipt.status_code == 200 and statement.reference in receipt.content.decode()
        assert "no-store" in receipt["Cache-Control"]
        # Without the grant, or with a grant of another receipt: no receipt.
        bare = f"/einbetten/{slug}/plaene/{uid}/stellungnahme/{statement.uid}/"
        assert embedded_get(bare).status_code == 404
        other = tokens.receipt_grant(authority_id=embeddable.authority.pk, uid=str(uuid.uuid4()))
        assert embedded_get(f"{bare}?beleg={other}").status_code == 404
        # The same grant outside the frame opens nothing either.
        plain = f"/{slug}/plaene/{uid}/stellungnahme/{statement.uid}/?beleg={query['beleg'][0]}"
        assert Client().get(plain).status_code == 404


@pytest.mark.parametrize("tamper", ["missing", "forged", "other_form", "other_authority"])
def test_forged_or_misplaced_token_is_refused_with_a_message(embeddable, phase, notice, tamper):
    slug, uid = embeddable.authority.slug, embeddable.uid
    path = f"/einbetten/{slug}/plaene/{uid}/stellungnahme/"
    with time_machine.travel(OPEN, tick=False):
        data = _statement_payload(embedded_get(path).content.decode())
    if tamper == "missing":
        del data["embed_token"]
    elif tamper == "forged":
        data["embed_token"] = data["embed_token"][:-3] + "abc"
    elif tamper == "other_form":
        data["embed_token"] = tokens.form_token(authority_id=embeddable.authority.pk,
                                                path=f"/{slug}/meldungen/neu/")
    else:
        data["embed_token"] = tokens.form_token(authority_id=embeddable.authority.pk + 1,
                                                path=f"/{slug}/plaene/{uid}/stellungnahme/")
    with time_machine.travel(OPEN + timedelta(minutes=2), tick=False), translation.override("de"):
        response = cookieless().post(path, data, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 403
    assert "Sicherheitsmerkmal" in response.content.decode()
    assert Statement.objects.count() == 0
    assert directives(response)["frame-ancestors"][1] == HOST


def test_expired_token_is_refused(embeddable, phase, notice):
    slug, uid = embeddable.authority.slug, embeddable.uid
    path = f"/einbetten/{slug}/plaene/{uid}/stellungnahme/"
    with time_machine.travel(OPEN, tick=False):
        data = _statement_payload(embedded_get(path).content.decode())
    later = OPEN + timedelta(seconds=tokens.FORM_TOKEN_MAX_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = cookieless().post(path, data, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 403
    assert "abgelaufen" in response.content.decode()
    assert Statement.objects.count() == 0


def test_normal_form_still_needs_the_csrf_cookie(embeddable, phase, notice):
    slug, uid = embeddable.authority.slug, embeddable.uid
    with time_machine.travel(OPEN, tick=False):
        data = _statement_payload(embedded_get(f"/einbetten/{slug}/plaene/{uid}/stellungnahme/")
                                  .content.decode())
    with time_machine.travel(OPEN + timedelta(minutes=2), tick=False):
        response = cookieless().post(f"/{slug}/plaene/{uid}/stellungnahme/", data)
    assert response.status_code == 403
    assert Statement.objects.count() == 0


def test_incident_report_without_cookies(area):
    west = area["west"]
    west.embed_origins = HOST
    west.save(update_fields=["embed_origins"])
    path = f"/einbetten/{west.slug}/meldungen/neu/?eltern={HOST}"
    page = embedded_get(path)
    assert page.status_code == 200
    data = form_data(area)
    data["embed_token"] = hidden(page.content.decode(), "embed_token")
    response = cookieless().post(path, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report = IncidentReport.objects.get()
    assert response["Location"].startswith(f"/einbetten/{west.slug}/meldungen/eingang/{report.uid}/")
    receipt = embedded_get(response["Location"])
    assert receipt.status_code == 200 and report.reference in receipt.content.decode()
    assert directives(receipt)["frame-ancestors"] == ["'self'", HOST]


def test_module_switched_off_is_404_embedded_too(area):
    off = area["off"]
    off.embed_origins = HOST
    off.save(update_fields=["embed_origins"])
    assert embedded_get(f"/einbetten/{off.slug}/meldungen/neu/").status_code == 404


def test_staff_snippets_page_and_settings(client, embeddable, phase):
    authority = embeddable.authority
    admin = make_staff(authority, Role.ADMIN, "embed-admin")
    client.force_login(admin)
    with time_machine.travel(OPEN, tick=False):
        page = client.get(f"/staff/authorities/{authority.pk}/einbetten/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f"/einbetten/{authority.slug}/plaene/{embeddable.uid}/stellungnahme/" in html
    assert "/static/portal/js/embed.js" in html and "data-beteiligungsportal" in html
    assert 'class="copy-snippet"' in html and "<script>" not in html
    assert page["X-Frame-Options"] == "DENY"
    response = client.post(f"/staff/authorities/{authority.pk}/settings/", {
        "colour": "#005a9c", "embed_origins": "https://www.musterstadt.de/pfad\nhttp://x.de"},
        HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert "https://www.musterstadt.de/pfad" in response.content.decode()
    authority.refresh_from_db()
    assert "pfad" not in authority.embed_origins
    response = client.post(f"/staff/authorities/{authority.pk}/settings/", {
        "colour": "#005a9c", "embed_origins": "HTTPS://Www.Musterstadt.de/\n"})
    assert response.status_code == 302
    authority.refresh_from_db()
    assert authority.embed_origins == "https://www.musterstadt.de"


def test_another_authoritys_staff_get_404(client, embeddable):
    other = make_authority(name="Nachbarstadt", slug="nachbarstadt", ags="14612999",
                           jurisdiction=square(830_000, 5_650_000, 2000))
    client.force_login(make_staff(other, Role.ADMIN, "nachbar-admin"))
    assert client.get(f"/staff/authorities/{embeddable.authority.pk}/einbetten/").status_code == 404
    client.logout()
    assert client.get(f"/staff/authorities/{embeddable.authority.pk}/einbetten/").status_code == 302


def test_time_trap_still_applies_inside_the_frame(embeddable, phase, notice):
    slug, uid = embeddable.authority.slug, embeddable.uid
    path = f"/einbetten/{slug}/plaene/{uid}/stellungnahme/"
    with time_machine.travel(OPEN, tick=False):
        data = _statement_payload(embedded_get(path).content.decode())
        response = cookieless().post(path, data)  # at once: faster than a person types
    assert response.status_code == 400
    assert Statement.objects.count() == 0
    assert time.time()  # the clock is back
