"""Public form, receipt, public page and the staff inbox through HTTP."""

import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.incidents.models import IncidentReport

from .conftest import EAST_X, WEST_X, Y, jpeg_with_gps, lat_lon_of

pytestmark = pytest.mark.django_db


def form_data(area, x=WEST_X, **extra):
    lat, lon = lat_lon_of(x, Y)
    data = {"category": area["pothole"].pk, f"q_{area['pothole'].pk}_size": "large",
            "latitude": f"{lat:.7f}", "longitude": f"{lon:.7f}", "address": "Hauptstraße 1",
            "description": "Tiefes Schlagloch vor dem Haus", "privacy": "on",
            "idempotency_key": str(uuid.uuid4())}
    data.update(extra)
    return data


def post(client, area, data, slug="westdorf", photos=()):
    payload = dict(data)
    if photos:
        payload["photos"] = list(photos)
    return client.post(f"/{slug}/meldungen/neu/", payload)


def test_form_page_is_labelled_and_offers_the_categories(client, area):
    response = client.get("/westdorf/meldungen/neu/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Schlagloch" in html and 'for="id_latitude"' in html and "<script>" not in html


def test_module_off_answers_404(client, area):
    for path in ("/ohnedorf/meldungen/neu/", "/ohnedorf/meldungen/EM-2026-00001/",
                 "/gibt-es-nicht/meldungen/neu/"):
        assert client.get(path).status_code == 404


def test_report_with_photos_receipt_and_public_page(client, area, django_capture_on_commit_callbacks):
    photos = [SimpleUploadedFile("a.jpg", jpeg_with_gps()), SimpleUploadedFile("b.jpg", jpeg_with_gps())]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, area, form_data(area, email="melder@example.org"), photos=photos)
    assert response.status_code == 302
    report = IncidentReport.objects.get()
    assert report.photos.count() == 2 and report.reporter_email == "melder@example.org"
    receipt = client.get(response["Location"])
    assert report.reference in receipt.content.decode()
    assert len(mail.outbox) == 1
    public = client.get(f"/westdorf/meldungen/{report.reference}/")
    html = public.content.decode()
    assert public.status_code == 200 and "melder@example.org" not in html
    photo = report.photos.first()
    image = client.get(f"/westdorf/meldungen/{report.reference}/fotos/{photo.uid}.jpg")
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"


def test_receipt_only_for_the_sending_session(client, area):
    response = post(client, area, form_data(area))
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404


def test_double_submit_gives_the_same_report(client, area):
    data = form_data(area)
    first = post(client, area, data)
    second = post(client, area, data)
    assert first["Location"] == second["Location"]
    assert IncidentReport.objects.count() == 1


@pytest.mark.parametrize("change", [
    {"latitude": "NaN"}, {"longitude": "1e999"}, {"latitude": "95"}, {"latitude": ""},
    {"description": ""}, {"privacy": ""}, {"category": "999999"},
])
def test_hostile_or_incomplete_input_is_a_400_with_a_message(client, area, change):
    response = post(client, area, form_data(area, **change))
    assert response.status_code == 400
    assert not IncidentReport.objects.exists()


def test_other_authoritys_category_is_refused(client, area):
    response = post(client, area, form_data(area, category=area["light"].pk))
    assert response.status_code == 400 and not IncidentReport.objects.exists()


def test_place_in_another_municipality_names_the_responsible_one(client, area):
    response = post(client, area, form_data(area, x=EAST_X))
    assert response.status_code == 400 and "Ostdorf" in response.content.decode()


def test_non_image_photo_is_refused(client, area):
    response = post(client, area, form_data(area),
                    photos=[SimpleUploadedFile("x.jpg", b"%PDF-1.7 fake", content_type="image/jpeg")])
    assert response.status_code == 400 and not IncidentReport.objects.exists()


def test_staff_inbox_and_status_change_with_mail(client, area, west_staff, east_staff,
                                                 django_capture_on_commit_callbacks):
    post(client, area, form_data(area, email="melder@example.org"))
    report = IncidentReport.objects.get()
    client.force_login(west_staff)
    inbox = client.get("/staff/meldungen/?status=open")
    assert inbox.status_code == 200 and report.reference in inbox.content.decode()
    assert client.get("/staff/meldungen/?status=closed").content.decode().count(report.reference) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/meldungen/{report.uid}/",
                               {"status": "closed", "public_answer": "Loch ist geflickt."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "closed" and report.history.count() == 2
    assert len(mail.outbox) == 1 and "Loch ist geflickt." in mail.outbox[0].body
    # Staff of another authority: not found, and nothing changes.
    client.force_login(east_staff)
    assert client.get(f"/staff/meldungen/{report.uid}/").status_code == 404
    assert client.post(f"/staff/meldungen/{report.uid}/", {"status": "open"}).status_code == 404
    assert report.reference not in client.get("/staff/meldungen/").content.decode()
    report.refresh_from_db()
    assert report.status == "closed"


def test_inbox_needs_login_and_a_membership(client, area):
    assert client.get("/staff/meldungen/").status_code == 302
    from tests.factories import make_user

    client.force_login(make_user())
    assert client.get("/staff/meldungen/").status_code == 404


def test_staff_home_links_the_inbox_only_where_the_module_is_on(client, area, west_staff):
    from portal.models import Role
    from tests.factories import make_staff

    client.force_login(west_staff)
    assert "/staff/meldungen/" in client.get("/staff/").content.decode()
    client.force_login(make_staff(area["off"], Role.ADMIN, username="ohne"))
    assert "/staff/meldungen/" not in client.get("/staff/").content.decode()


def test_authority_home_shows_the_section_when_the_module_is_on(client, area):
    assert "/westdorf/meldungen/neu/" in client.get("/westdorf/").content.decode()
    assert "/meldungen/neu/" not in client.get("/ohnedorf/").content.decode()


def test_public_list_shows_open_reports_without_personal_data(client, area):
    post(client, area, form_data(area, name="Erika Geheim", email="geheim@example.org"))
    report = IncidentReport.objects.get()
    html = client.get("/westdorf/meldungen/").content.decode()
    assert report.reference in html and "Geheim" not in html and "geheim@" not in html
    import json
    import re

    config = json.loads(re.search(r'id="reports-map-config"[^>]*>(.*?)</script>', html).group(1))
    feature = config["statements"]["features"][0]
    assert feature["properties"]["reference"] == report.reference
    lat, lon = float(form_data(area)["latitude"]), float(form_data(area)["longitude"])
    assert feature["geometry"]["coordinates"] == pytest.approx([lon, lat], abs=1e-5)
    assert client.get("/ohnedorf/meldungen/").status_code == 404


def test_nearby_open_report_is_shown_first_and_supported_instead(
        client, area, django_capture_on_commit_callbacks, west_staff):
    post(client, area, form_data(area, email="erste@example.org"))
    first = IncidentReport.objects.get()
    # A second person at nearly the same place: asked first, nothing stored yet.
    response = post(client, area, form_data(area))
    html = response.content.decode()
    assert response.status_code == 200 and first.reference in html and 'name="confirm_new"' in html
    assert IncidentReport.objects.count() == 1
    # The script's check gives the same answer as JSON.
    lat, lon = form_data(area)["latitude"], form_data(area)["longitude"]
    found = client.get("/westdorf/meldungen/in-der-naehe/", {
        "category": area["pothole"].pk, "latitude": lat, "longitude": lon, "format": "json"})
    assert [r["reference"] for r in found.json()["reports"]] == [first.reference]
    assert client.get("/westdorf/meldungen/in-der-naehe/", {
        "category": area["pothole"].pk, "latitude": "NaN", "longitude": lon}).status_code == 400
    # "Me too" with an address, twice: counted once; the supporter gets the status e-mails.
    for _ in range(2):
        assert client.post(f"/westdorf/meldungen/{first.reference}/unterstuetzen/",
                           {"email": "zweite@example.org", "me_too": "1"}).status_code == 302
    assert first.supports.count() == 1
    assert "1 " in client.get(f"/westdorf/meldungen/{first.reference}/").content.decode()
    mail.outbox.clear()
    from participation.incidents.services.status import change_status

    with django_capture_on_commit_callbacks(execute=True):
        change_status(report=first, status="closed", public_answer="Erledigt.")
    assert sorted(m.to[0] for m in mail.outbox) == ["erste@example.org", "zweite@example.org"]
    # Closed: no more support; a new report there goes through without asking.
    client.post(f"/westdorf/meldungen/{first.reference}/unterstuetzen/",
                {"email": "x@example.org", "me_too": "1"})
    assert first.supports.count() == 1
    assert post(client, area, form_data(area)).status_code == 302


def test_confirm_new_sends_despite_nearby_reports(client, area):
    post(client, area, form_data(area))
    assert post(client, area, form_data(area, confirm_new="on")).status_code == 302
    assert IncidentReport.objects.count() == 2


def test_state_wide_entry_routes_by_place(client, area):
    from .conftest import lat_lon_of

    assert client.get("/meldungen/").status_code == 200
    lat, lon = lat_lon_of(EAST_X, Y)
    response = client.get("/meldungen/", {"latitude": f"{lat:.6f}", "longitude": f"{lon:.6f}"})
    assert response.status_code == 302 and response["Location"].startswith("/ostdorf/meldungen/neu/?")
    form = client.get(response["Location"]).content.decode()
    assert f'value="{lat:.6f}"' in form
    outside = client.get("/meldungen/", {"latitude": "48.137", "longitude": "11.575"})
    text = outside.content.decode()
    assert outside.status_code == 400 and ("außerhalb" in text or "outside" in text)
    assert client.get("/meldungen/", {"latitude": "NaN", "longitude": "1"}).status_code == 400
