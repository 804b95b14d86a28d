"""The agency register: validated e-mails and topics, the area drawn or from a file, CSV import,
and who may edit (admin/planner) or only read (moderator/viewer)."""

import json

import pytest
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from gis.srid import storage_srid
from planning.agencies.register import create_agency, update_agency
from planning.models import Agency
from portal.models import Role

from ..factories import make_staff
from ..vector_files import rectangle_wkt, write_vector

pytestmark = pytest.mark.django_db


def test_create_agency_cleans_addresses_and_topics(world):
    agency = create_agency(authority=world["town"], name="  Landesamt   für Denkmalpflege ",
                           emails=[" denkmal@land.example", "DENKMAL@land.example", "",
                                   "post@land.example"],
                           topics=["Denkmalschutz", " Denkmalschutz", "Archäologie"])
    assert agency.name == "Landesamt für Denkmalpflege"
    assert agency.emails == ["denkmal@land.example", "post@land.example"]
    assert agency.topics == ["Denkmalschutz", "Archäologie"]
    assert agency.responsibility_area is None


@pytest.mark.parametrize("emails", [[], ["kein-at-zeichen"], ["a@b.example\r\nBcc: x@evil.example"],
                                    ["a b@c.example"]])
def test_bad_addresses_are_refused(world, emails):
    with translation.override("en"), pytest.raises(ValidationError) as info:
        create_agency(authority=world["town"], name="Amt", emails=emails)
    assert "emails" in info.value.message_dict
    assert not Agency.objects.filter(name="Amt").exists()


def test_area_is_stored_in_the_storage_srid_as_multipolygon(world):
    area = GEOSGeometry("POLYGON((13.0 51.0, 13.1 51.0, 13.1 51.1, 13.0 51.0))", srid=4326)
    agency = update_agency(agency=world["telecom"], responsibility_area=area)
    agency.refresh_from_db()
    assert agency.responsibility_area.geom_type == "MultiPolygon"
    assert agency.responsibility_area.srid == storage_srid()


def test_unknown_field_is_a_programming_error(world):
    with pytest.raises(TypeError):
        update_agency(agency=world["telecom"], authority=None)


def test_planner_adds_an_agency_with_a_drawn_area(client, planner, world):
    client.force_login(planner)
    drawn = {"type": "Polygon", "coordinates": [[[13.0, 51.0], [13.01, 51.0], [13.01, 51.01],
                                                 [13.0, 51.0]]]}
    response = client.post(reverse("planning_agencies:create"), {
        "authority": world["town"].pk, "name": "Straßenbauamt",
        "emails": "strasse@land.example\nvorzimmer@land.example", "topics": "Verkehr\nLärm",
        "area": json.dumps(drawn), "is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()
    agency = Agency.objects.get(name="Straßenbauamt")
    assert agency.authority == world["town"]
    assert agency.emails == ["strasse@land.example", "vorzimmer@land.example"]
    assert agency.topics == ["Verkehr", "Lärm"]
    assert agency.responsibility_area.srid == storage_srid()


def test_area_from_a_geopackage_file(client, planner, world, tmp_path):
    path = write_vector(tmp_path / "zustaendigkeit.gpkg", "GPKG",
                        [{"wkt": rectangle_wkt(400_000, 5_650_000, 2000)}], epsg=25833, fields=())
    client.force_login(planner)
    upload = SimpleUploadedFile("zustaendigkeit.gpkg", path.read_bytes())
    response = client.post(reverse("planning_agencies:edit", kwargs={"pk": world["telecom"].pk}), {
        "name": "Telekom", "emails": "telekom@example.org", "topics": "", "area": "",
        "area_file": upload, "is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()
    agency = Agency.objects.get(pk=world["telecom"].pk)
    assert agency.responsibility_area.srid == storage_srid()
    assert agency.responsibility_area.area == pytest.approx(4_000_000, rel=0.01)


def test_a_point_file_is_refused_with_a_message(client, planner, world, tmp_path):
    path = write_vector(tmp_path / "punkte.geojson", "GeoJSON",
                        [{"wkt": "POINT(400000 5650000)"}], epsg=25833, fields=())
    client.force_login(planner)
    with translation.override("en"):
        response = client.post(reverse("planning_agencies:edit",
                                       kwargs={"pk": world["telecom"].pk}), {
            "name": "Telekom", "emails": "telekom@example.org", "area": "",
            "area_file": SimpleUploadedFile("punkte.geojson", path.read_bytes()),
        }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "area_file" in response.context["form"].errors
    assert Agency.objects.get(pk=world["telecom"].pk).name.startswith("Telekom Muster")


def test_form_errors_for_bad_addresses_and_drawn_points(client, planner, world):
    client.force_login(planner)
    with translation.override("en"):
        response = client.post(reverse("planning_agencies:create"), {
            "authority": world["town"].pk, "name": "Amt", "emails": "ok@example.org, kaputt@",
            "area": json.dumps({"type": "Point", "coordinates": [13, 51]}),
        }, HTTP_ACCEPT_LANGUAGE="en")
    errors = response.context["form"].errors
    assert "“kaputt@” is not a valid e-mail address." in errors["emails"]
    assert "The area of responsibility must consist of polygons." in errors["area"]
    assert not Agency.objects.filter(name="Amt").exists()


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.VIEWER])
def test_read_only_roles_see_the_register_but_cannot_change_it(client, world, role):
    user = make_staff(world["town"], role)
    client.force_login(user)
    page = client.get(reverse("planning_agencies:list"))
    assert page.status_code == 200
    assert world["water"].name in page.content.decode()
    assert 'id="add-agency"' not in page.content.decode()
    edit = reverse("planning_agencies:edit", kwargs={"pk": world["water"].pk})
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"name": "Geändert", "emails": "x@example.org"}).status_code == 403
    assert client.get(reverse("planning_agencies:create")).status_code == 403
    assert Agency.objects.get(pk=world["water"].pk).name == "Wasserbehörde Musterstadt"


def test_csv_import_all_or_nothing(client, planner, world):
    client.force_login(planner)
    good = ("name;emails;topics\n"
            "Landesamt für Archäologie;archaeo@land.example;Bodendenkmale|Archäologie\n"
            "Netzbetreiber Strom;netz@strom.example leitung@strom.example;\n"
            "Wasserbehörde Musterstadt;wasser@musterstadt.example;\n").encode("utf-8-sig")
    response = client.post(reverse("planning_agencies:import"), {
        "authority": world["town"].pk, "file": SimpleUploadedFile("toeb.csv", good)})
    assert response.status_code == 200  # the skipped row is shown
    archaeo = Agency.objects.get(name="Landesamt für Archäologie")
    assert archaeo.topics == ["Bodendenkmale", "Archäologie"]
    assert Agency.objects.get(name="Netzbetreiber Strom").emails == [
        "netz@strom.example", "leitung@strom.example"]
    assert "Wasserbehörde Musterstadt" in response.content.decode()  # skipped, reported
    bad = "name,emails\nGasversorger,gas@versorger.example\nOhne Adresse,\n".encode("cp1252")
    with translation.override("en"):
        response = client.post(reverse("planning_agencies:import"), {
            "authority": world["town"].pk, "file": SimpleUploadedFile("toeb.csv", bad)},
            HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Row 3" in response.content.decode()
    assert not Agency.objects.filter(name="Gasversorger").exists()
