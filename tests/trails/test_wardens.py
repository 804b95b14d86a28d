"""Trail wardens through HTTP: invitation by staff, sections, what a warden sees (own sections
only, 404 otherwise), updates, inspection walks, the new-report mail, and the offline app's
submit endpoint (device idempotency key: a retry answers with the same report)."""

import re
import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.incidents.models import IncidentReport
from participation.trails.models import Inspection, TrailSection, Warden

from .conftest import TRAIL_Y, lat_lon_of, small_jpeg, trail_report, x_at_km

pytestmark = pytest.mark.django_db


def test_staff_invite_a_warden_who_accepts_with_a_citizen_account(
        client, forest, wardens, warden_staff, django_capture_on_commit_callbacks):
    from tests.factories import make_user

    client.force_login(warden_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/wege/wegewarte/", {
            "authority": forest["authority"].pk, "email": "carla@example.org",
            "sections": [wardens["north"].pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    [message] = mail.outbox
    assert message.to == ["carla@example.org"]
    link = re.search(r"http://testserver(/wegewart/einladung/[^/\s]+/)", message.body).group(1)
    warden = Warden.objects.get(email="carla@example.org")
    assert warden.user is None and warden.invitation_hash and warden.invitation_hash not in link
    # Anonymous: to the citizens' sign-in, and back.
    client.logout()
    assert client.get(link)["Location"].startswith("/konto/")
    carla = make_user("carla")
    client.force_login(carla)
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    warden.refresh_from_db()
    assert warden.user == carla and warden.invitation_hash == ""
    assert client.post(link).status_code == 400  # used once
    page = client.get("/wegewart/walddorf/")
    assert page.status_code == 200 and "Nord" in page.content.decode()
    # Bad input: a clear refusal, nothing stored.
    client.force_login(warden_staff)
    bad = client.post("/staff/wege/wegewarte/", {"authority": forest["authority"].pk,
                                                "email": "kein\nmail@x"})
    assert bad.status_code == 400 and Warden.objects.count() == 3


def test_staff_create_sections_and_other_authority_gets_404(client, forest, wardens,
                                                            warden_staff, other_staff):
    trail = forest["trail"]
    client.force_login(warden_staff)
    ok = client.post(f"/staff/wege/{trail.pk}/abschnitte/",
                     {"name": "Mitte", "start_km": "1", "end_km": "2"})
    assert ok.status_code == 302
    for data in ({"name": "Zu weit", "start_km": "1", "end_km": "9"},
                 {"name": "Rückwärts", "start_km": "2", "end_km": "1"},
                 {"name": "Nord", "start_km": "0", "end_km": "1"}):
        assert client.post(f"/staff/wege/{trail.pk}/abschnitte/", data).status_code == 400
    assert TrailSection.objects.count() == 3
    client.force_login(other_staff)
    assert client.get(f"/staff/wege/{trail.pk}/abschnitte/").status_code == 404
    assert client.get(f"/staff/wege/wegewarte/{wardens['warden_a'].pk}/").status_code == 404
    page = client.get("/staff/wege/wegewarte/")
    assert page.status_code == 200 and "anna@example.org" not in page.content.decode()
    # A section of another authority cannot be assigned.
    stolen = client.post("/staff/wege/wegewarte/", {
        "authority": forest["other"].pk, "email": "x@example.org",
        "sections": [wardens["north"].pk]})
    assert stolen.status_code == 400 and not Warden.objects.filter(email="x@example.org")
    # The public trail page shows the sections.
    assert "Nord" in client.get(f"/walddorf/wege/{trail.pk}/").content.decode()


def _reports_table(client) -> str:
    page = client.get("/wegewart/walddorf/").content.decode()
    return page.split('id="warden-reports"')[1].split("</table>")[0]


def test_a_warden_sees_and_updates_only_their_sections(client, forest, wardens, other_staff):
    north = trail_report(forest, 1.0, "Wegweiser im Norden fehlt")
    south = trail_report(forest, 3.0, "Weg im Süden zugewachsen")
    client.force_login(wardens["anna"])
    page = _reports_table(client)
    assert north.reference in page and south.reference not in page
    assert "WW-walddorf-0001" in client.get("/wegewart/walddorf/").content.decode()
    assert client.get(f"/wegewart/walddorf/meldungen/{south.reference}/").status_code == 404
    response = client.post(f"/wegewart/walddorf/meldungen/{north.reference}/",
                           {"status": "in_progress", "public_answer": "Schild bestellt"})
    assert response.status_code == 302
    north.refresh_from_db()
    assert north.status == "in_progress" and north.history.last().changed_by == wardens["anna"]
    signpost = client.post("/wegewart/walddorf/wegweiser/WW-walddorf-0001/",
                           {"condition": "missing", "last_inspected": "2026-05-01"})
    assert signpost.status_code == 302
    forest["signpost"].refresh_from_db()
    assert forest["signpost"].condition == "missing"
    # Ben (the south) sees the south only.
    client.force_login(wardens["ben"])
    page = _reports_table(client)
    assert south.reference in page and north.reference not in page
    assert client.get(f"/wegewart/walddorf/meldungen/{north.reference}/").status_code == 404
    assert client.get("/wegewart/walddorf/wegweiser/WW-walddorf-0001/").status_code == 404
    # Another authority, a non-warden, staff of another authority: 404.
    assert client.get("/wegewart/bergdorf/").status_code == 404
    client.force_login(other_staff)
    for path in ("/wegewart/walddorf/", "/wegewart/walddorf/app/",
                 f"/wegewart/walddorf/meldungen/{north.reference}/",
                 "/wegewart/walddorf/app/daten.json"):
        assert client.get(path).status_code == 404, path
    client.logout()
    assert client.get("/wegewart/walddorf/")["Location"].startswith("/konto/")


def test_new_report_is_mailed_to_the_wardens_of_its_section(forest, wardens,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = trail_report(forest, 3.2)
    messages = [m for m in mail.outbox if report.reference in m.subject]
    assert [m.to for m in messages] == [["ben@example.org"]]


def _queued(forest, key, description="Schild abgebrochen", photos=2):
    lat, lon = lat_lon_of(x_at_km(0.5), TRAIL_Y + 15)
    return {"category": forest["category"].pk, "latitude": f"{lat:.7f}",
            "longitude": f"{lon:.7f}", "description": description, "idempotency_key": key,
            "photos": [SimpleUploadedFile(f"foto{i}.jpg", small_jpeg((i * 40, 90, 20)),
                                          content_type="image/jpeg") for i in range(photos)]}


def test_offline_submit_retry_answers_with_the_same_report(client, forest, wardens):
    client.force_login(wardens["anna"])
    key = str(uuid.uuid4())
    first = client.post("/wegewart/walddorf/app/senden/", _queued(forest, key),
                        headers={"Accept": "application/json"})
    assert first.status_code == 201, first.content
    retry = client.post("/wegewart/walddorf/app/senden/", _queued(forest, key),
                        headers={"Accept": "application/json"})
    assert retry.status_code == 200
    assert retry.json() == {"reference": first.json()["reference"], "created": False}
    report = IncidentReport.objects.get()
    assert report.photos.count() == 2 and report.reporter_email == "anna@example.org"
    from accounts_citizen.models import Contribution

    assert Contribution.objects.get(object_uid=report.uid).user == wardens["anna"]
    assert report.trail_report.trail == forest["trail"]
    other = client.post("/wegewart/walddorf/app/senden/", _queued(forest, key, "Anderer Text"),
                        headers={"Accept": "application/json"})
    assert other.status_code == 400 and other.json()["error"]
    assert IncidentReport.objects.count() == 1
    # A signpost outside the warden's sections, or no place at all: refused, nothing stored.
    for data in ({**_queued(forest, str(uuid.uuid4())), "signpost": "WW-walddorf-0099"},
                 {**_queued(forest, str(uuid.uuid4())), "latitude": "", "longitude": ""},
                 {**_queued(forest, str(uuid.uuid4())), "idempotency_key": "kein-uuid"}):
        refused = client.post("/wegewart/walddorf/app/senden/", data,
                              headers={"Accept": "application/json"})
        assert refused.status_code == 400 and refused.json()["error"]
    assert IncidentReport.objects.count() == 1
    # By signpost alone: its place, and the report is linked to it.
    by_signpost = client.post("/wegewart/walddorf/app/senden/", {
        **_queued(forest, str(uuid.uuid4()), photos=0), "latitude": "", "longitude": "",
        "signpost": "WW-walddorf-0001"}, headers={"Accept": "application/json"})
    assert by_signpost.status_code == 201
    linked = IncidentReport.objects.get(reference=by_signpost.json()["reference"])
    assert linked.trail_report.signpost == forest["signpost"]
    # Without the script the form posts and redirects back to the app.
    plain = client.post("/wegewart/walddorf/app/senden/", _queued(forest, str(uuid.uuid4()),
                                                                  "Ohne Skript"))
    assert plain.status_code == 302 and IncidentReport.objects.count() == 3


def test_offline_app_assets(client, forest, wardens):
    client.force_login(wardens["anna"])
    page = client.get("/wegewart/walddorf/app/").content.decode()
    assert 'rel="manifest"' in page and "warden_app.js" in page
    data = client.get("/wegewart/walddorf/app/daten.json").json()
    assert [c["name"] for c in data["categories"]] == ["Wegweiser beschädigt"]
    assert [s["id"] for s in data["signposts"]] == ["WW-walddorf-0001"]
    assert data["sections"][0]["name"] == "Nord"
    worker = client.get("/wegewart/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    manifest = client.get("/wegewart/app.webmanifest").json()
    assert manifest["scope"] == "/wegewart/" and manifest["icons"][0]["src"].startswith("/static/")


def test_inspection_walk(client, forest, wardens):
    report = trail_report(forest, 0.9)
    client.force_login(wardens["anna"])
    response = client.post("/wegewart/walddorf/begehung/", {
        "walked_on": "2026-04-12", "sections": [wardens["north"].pk],
        "findings": "Wegweiser am Waldrand fehlt", "reports": [report.reference]})
    assert response.status_code == 302
    walk = Inspection.objects.get()
    assert list(walk.sections.all()) == [wardens["north"]]
    assert list(walk.reports.all()) == [report]
    for data in ({"walked_on": "2026-04-12", "sections": [wardens["south"].pk]},
                 {"walked_on": "2999-01-01", "sections": [wardens["north"].pk]},
                 {"walked_on": "gestern", "sections": [wardens["north"].pk]}):
        assert client.post("/wegewart/walddorf/begehung/", data).status_code == 400
    assert Inspection.objects.count() == 1


def test_inspection_walk_with_a_new_report_from_a_finding(client, forest, wardens):
    client.force_login(wardens["anna"])
    walk = {"walked_on": "2026-04-12", "sections": [wardens["north"].pk],
            "findings": "Schild verdreht", "new_category": forest["category"].pk,
            "new_signpost": "WW-walddorf-0001", "new_description": "Zeigt nach Süden",
            "idempotency_key": str(uuid.uuid4())}
    # Half a report (no description) or a place outside the authority: nothing stays.
    assert client.post("/wegewart/walddorf/begehung/",
                       {**walk, "new_description": ""}).status_code == 400
    far = client.post("/wegewart/walddorf/begehung/", {
        **walk, "new_signpost": "", "new_latitude": "48.1", "new_longitude": "11.5"})
    assert far.status_code == 400
    assert Inspection.objects.count() == 0 and IncidentReport.objects.count() == 0
    assert client.post("/wegewart/walddorf/begehung/", walk).status_code == 302
    inspection = Inspection.objects.get()
    [report] = inspection.reports.all()
    assert report.description == "Zeigt nach Süden"
    assert report.trail_report.signpost == forest["signpost"]
