"""Public trail pages, the staff signpost register (tenancy, roles, history) through HTTP."""

import uuid

import pytest

from participation.incidents.models import IncidentReport
from participation.trails.models import Signpost, TrailReport

from .conftest import TRAIL_Y, X0, lat_lon_of

pytestmark = pytest.mark.django_db


def test_trail_pages_show_length_and_open_reports(client, forest):
    response = client.get("/walddorf/wege/")
    assert response.status_code == 200
    assert "Malerweg" in response.content.decode() and "3,6 km" in response.content.decode()
    detail = client.get(f"/walddorf/wege/{forest['trail'].pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert 'id="trail-map"' in html and "WW-walddorf-0001" in html
    assert "<script>" not in html
    course = client.get(f"/walddorf/wege/{forest['trail'].pk}/verlauf.geojson").json()
    [feature] = course["features"]
    assert feature["geometry"]["type"] == "MultiLineString"
    assert feature["properties"] == {"name": "Malerweg", "length_m": 3600}
    assert len(client.get("/walddorf/wege/wege.geojson").json()["features"]) == 1


def test_module_off_is_404(client, forest):
    authority = forest["authority"]
    authority.enabled_modules = ["incidents"]
    authority.save()
    assert client.get("/walddorf/wege/").status_code == 404
    assert client.get(f"/walddorf/wege/{forest['trail'].pk}/").status_code == 404
    assert client.get("/ww/WW-walddorf-0001/").status_code == 404
    assert client.get("/walddorf/wege/wege.geojson").status_code == 404


def test_report_through_the_qr_form_lands_in_the_signpost_history(client, forest, warden_staff):
    signpost = forest["signpost"]
    form = client.get(f"/ww/{signpost.public_id}/")
    address = form.context["form"].initial["address"]
    lat, lon = lat_lon_of(X0 + 1000, TRAIL_Y + 20)
    response = client.post(f"/ww/{signpost.public_id}/", {
        "category": forest["category"].pk, "latitude": f"{lat:.7f}", "longitude": f"{lon:.7f}",
        "address": address, "description": "Schild zeigt in die falsche Richtung",
        "privacy": "on", "idempotency_key": str(uuid.uuid4()), "confirm_new": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    report = IncidentReport.objects.get()
    assert TrailReport.objects.get(report=report).signpost == signpost
    assert report.location.y == pytest.approx(TRAIL_Y, abs=0.01)
    client.force_login(warden_staff)
    page = client.get(f"/staff/wege/wegweiser/{signpost.public_id}/")
    assert report.reference in page.content.decode()


def test_staff_create_edit_with_history(client, forest, warden_staff):
    client.force_login(warden_staff)
    lat, lon = lat_lon_of(X0 + 3000, TRAIL_Y - 10)
    response = client.post("/staff/wege/wegweiser/neu/", {
        "authority": forest["authority"].pk, "latitude": f"{lat:.7f}",
        "longitude": f"{lon:.7f}", "plates": "Bastei; 4,5; 1:15\nRathen; 2",
        "material": "Holz", "condition": "good", "last_inspected": "2026-05-01"})
    assert response.status_code == 302
    signpost = Signpost.objects.get(public_id="WW-walddorf-0002")
    assert list(signpost.trails.all()) == [forest["trail"]]
    assert signpost.plates == [{"destination": "Bastei", "distance_km": 4.5, "time": "1:15"},
                               {"destination": "Rathen", "distance_km": 2.0, "time": ""}]
    edit = client.post(f"/staff/wege/wegweiser/{signpost.public_id}/", {
        "latitude": f"{lat:.7f}", "longitude": f"{lon:.7f}", "plates": "Bastei; 4,5; 1:15",
        "material": "Metall", "condition": "damaged", "last_inspected": "2026-06-01"})
    assert edit.status_code == 302
    signpost.refresh_from_db()
    assert signpost.condition == "damaged" and signpost.history.count() == 2
    assert signpost.history.first().history_user == warden_staff
    bad = client.post("/staff/wege/wegweiser/neu/", {
        "authority": forest["authority"].pk, "latitude": "x", "longitude": f"{lon:.7f}",
        "plates": "Bastei; weit", "condition": "good"})
    assert bad.status_code == 400
    assert "Zeile 1" in bad.content.decode() or "Line 1" in bad.content.decode()


def test_other_authority_sees_nothing(client, forest, other_staff):
    client.force_login(other_staff)
    signpost = forest["signpost"]
    assert client.get(f"/staff/wege/wegweiser/{signpost.public_id}/").status_code == 404
    overview = client.get("/staff/wege/")
    assert overview.status_code == 200 and signpost.public_id not in overview.content.decode()
    assert client.post("/staff/wege/wegweiser/neu/", {
        "authority": forest["authority"].pk, "latitude": "51", "longitude": "12",
        "condition": "good"}).status_code == 400
    assert Signpost.objects.count() == 1


def test_csv_import_all_or_nothing(client, forest, warden_staff, other_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    lat, lon = lat_lon_of(X0 + 2500, TRAIL_Y + 3)
    good = (f"Breite;Länge;Schilder;Material;Zustand;Kontrolle\n"
            f'{lat:.7f};{lon:.7f};"Bastei; 4,5; 1:15|Rathen; 2";Holz;beschädigt;2026-04-01\n'
            f"{lat:.7f};{lon + 0.05:.7f};;Metall;gut;\n").encode()
    bad = good + b"abc;12;;;kaputt;\n"
    client.force_login(warden_staff)
    refused = client.post("/staff/wege/wegweiser/import/", {
        "authority": forest["authority"].pk,
        "file": SimpleUploadedFile("w.csv", bad, content_type="text/csv")})
    assert refused.status_code == 400
    assert "Zeile 4" in refused.content.decode() or "Row 4" in refused.content.decode()
    assert Signpost.objects.count() == 1
    done = client.post("/staff/wege/wegweiser/import/", {
        "authority": forest["authority"].pk,
        "file": SimpleUploadedFile("w.csv", good, content_type="text/csv")})
    assert done.status_code == 302
    near, far = Signpost.objects.filter(number__gt=1).order_by("number")
    assert near.public_id == "WW-walddorf-0002" and near.condition == "damaged"
    assert near.plates[1] == {"destination": "Rathen", "distance_km": 2.0, "time": ""}
    assert list(near.trails.all()) == [forest["trail"]] and not far.trails.exists()
    client.force_login(other_staff)
    assert client.post("/staff/wege/wegweiser/import/", {
        "authority": forest["authority"].pk,
        "file": SimpleUploadedFile("w.csv", good, content_type="text/csv")}).status_code == 400
    assert Signpost.objects.count() == 3
