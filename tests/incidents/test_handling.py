"""Staff forward a report to the responsible authority and merge duplicates (through HTTP)."""

import pytest
from django.core import mail

from participation.incidents.location import point_from_lat_lon
from participation.incidents.models import IncidentReport
from participation.incidents.services.reports import NewReport, Reporter, create_report
from participation.incidents.services.support import support_report
from portal.models import Role
from tests.factories import make_staff

from .conftest import EAST_X, WEST_X, Y, lat_lon_of

pytestmark = pytest.mark.django_db


def report(category, x=WEST_X, email="", text="Loch"):
    made, _ = create_report(report=NewReport(
        category=category, location=point_from_lat_lon(*lat_lon_of(x, Y)), description=text,
        answers={"size": "small"} if category.service_code == "pothole" else {},
        reporter=Reporter(email=email)))
    return made


def test_forward_to_the_district_with_a_note(client, area, west_staff,
                                             django_capture_on_commit_callbacks):
    item = report(area["pothole"], email="melder@example.org")
    old_reference = item.reference
    client.force_login(west_staff)
    page = client.get(f"/staff/meldungen/{item.uid}/").content.decode()
    assert "Schaden an Kreisstraße" in page and "Straßenlaterne" not in page  # Ostdorf is elsewhere
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/meldungen/{item.uid}/", {
            "action": "forward", "category": area["district_road"].pk,
            "note": "Kreisstraße K 7"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.authority == area["district"] and item.category == area["district_road"]
    assert item.previous_reference == f"westdorf/{old_reference}"
    last = item.history.last()
    assert last.note == "Kreisstraße K 7" and "Landkreis Test" in last.public_answer
    assert len(mail.outbox) == 1 and item.reference in mail.outbox[0].body
    # West staff no longer see it; district staff do.
    assert client.get(f"/staff/meldungen/{item.uid}/").status_code == 404
    client.force_login(make_staff(area["district"], Role.VIEWER, username="kreis"))
    assert client.get(f"/staff/meldungen/{item.uid}/").status_code == 200


def test_forward_to_an_authority_not_responsible_there_is_refused(client, area, west_staff):
    item = report(area["pothole"])
    client.force_login(west_staff)
    response = client.post(f"/staff/meldungen/{item.uid}/", {
        "action": "forward", "category": area["light"].pk})  # Ostdorf: not offered
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.authority == area["west"]


def test_merge_keeps_every_feedback_subscription(client, area, west_staff,
                                                 django_capture_on_commit_callbacks):
    kept = report(area["pothole"], email="erste@example.org", text="Loch A")
    duplicate = report(area["pothole"], email="zweite@example.org", text="Loch B")
    support_report(report=duplicate, email="dritte@example.org")
    client.force_login(west_staff)
    response = client.post(f"/staff/meldungen/{duplicate.uid}/", {
        "action": "merge", "reference": kept.reference, "note": "gleiche Stelle"})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == "closed" and duplicate.duplicate_of == kept
    assert sorted(kept.supports.values_list("email", flat=True)) == [
        "dritte@example.org", "zweite@example.org"]
    mail.outbox.clear()
    from participation.incidents.services.status import change_status

    with django_capture_on_commit_callbacks(execute=True):
        change_status(report=kept, status="closed", public_answer="Geflickt.")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "dritte@example.org", "erste@example.org", "zweite@example.org"]


def test_merge_refusals(client, area, west_staff, east_staff):
    first = report(area["pothole"], text="A")
    other = report(area["light"], x=EAST_X, text="B")
    client.force_login(west_staff)
    # Into a report of another authority: not found.
    response = client.post(f"/staff/meldungen/{first.uid}/",
                           {"action": "merge", "reference": other.reference})
    assert response.status_code == 400
    # Into itself.
    response = client.post(f"/staff/meldungen/{first.uid}/",
                           {"action": "merge", "reference": first.reference})
    assert response.status_code == 400
    assert IncidentReport.objects.filter(status="closed").count() == 0
    # Staff of another authority cannot merge or forward it.
    client.force_login(east_staff)
    assert client.post(f"/staff/meldungen/{first.uid}/",
                       {"action": "merge", "reference": first.reference}).status_code == 404


def test_response_template_fills_the_public_answer(client, area, west_staff):
    from participation.incidents.models import ResponseTemplate

    template = ResponseTemplate.objects.create(authority=area["west"], title="Erledigt",
                                               text="Vielen Dank, der Schaden ist behoben.")
    ResponseTemplate.objects.create(authority=area["east"], title="Fremd", text="x")
    item = report(area["pothole"])
    client.force_login(west_staff)
    page = client.get(f"/staff/meldungen/{item.uid}/").content.decode()
    assert "Erledigt" in page and "Fremd" not in page
    client.post(f"/staff/meldungen/{item.uid}/", {"action": "status", "status": "closed",
                                                  "template": template.pk, "public_answer": ""})
    item.refresh_from_db()
    assert item.public_answer == template.text


def test_admin_lists_only_own_categories(client, area):
    from django.contrib.auth import get_user_model

    admin_user = make_staff(area["west"], Role.ADMIN, username="westadmin")
    client.force_login(admin_user)
    listing = client.get("/admin/incidents/incidentcategory/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Schlagloch" in html and "Straßenlaterne" not in html
    assert client.get(f"/admin/incidents/incidentcategory/{area['light'].pk}/change/").status_code == 404
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(superuser)
    page = client.get(f"/admin/incidents/incidentcategory/{area['pothole'].pk}/change/")
    assert page.status_code == 200 and "Wie groß?" in page.content.decode()


def test_assignment_and_inbox_filters(client, area, west_staff):
    colleague = make_staff(area["west"], Role.PLANNER, username="kollegin")
    stranger = make_staff(area["east"], Role.ADMIN, username="fremd")
    item = report(area["pothole"], text="Loch X")
    other = report(area["pothole"], text="Loch Y")
    client.force_login(west_staff)
    page = client.get(f"/staff/meldungen/{item.uid}/").content.decode()
    assert "kollegin" in page and "fremd" not in page
    assert client.post(f"/staff/meldungen/{item.uid}/", {
        "action": "assign", "assigned_to": stranger.pk}).status_code == 400
    client.post(f"/staff/meldungen/{item.uid}/", {"action": "assign",
                                                  "assigned_to": colleague.pk})
    item.refresh_from_db()
    assert item.assigned_to == colleague
    client.force_login(colleague)
    mine = client.get("/staff/meldungen/", {"mine": "on"}).content.decode()
    assert item.reference in mine and other.reference not in mine
    assert other.reference not in client.get("/staff/meldungen/",
                                             {"older_than": "3"}).content.decode()
    assert client.get("/staff/meldungen/", {"older_than": "-1"}).status_code == 200
