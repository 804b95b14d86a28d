"""Routing by jurisdiction and the create_report service (SpatiaLite and PostGIS)."""

import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.incidents.errors import NotResponsible, ReportRefused
from participation.incidents.location import point_from_lat_lon
from participation.incidents.models import IncidentReport, ReportPhoto
from participation.incidents.routing import responsible_authority
from participation.incidents.services.reports import NewReport, Reporter, create_report

from .conftest import BORDER_X, EAST_X, WEST_X, Y, jpeg_with_gps, lat_lon_of

pytestmark = pytest.mark.django_db


def point_at(x, y=Y):
    return point_from_lat_lon(*lat_lon_of(x, y))


def new(category, x=WEST_X, **kwargs):
    defaults = {"description": "Tiefes Loch", "answers": {"size": "small"}}
    defaults.update(kwargs)
    return NewReport(category=category, location=point_at(x), **defaults)


def test_most_local_authority_is_responsible(area):
    assert responsible_authority(point_at(WEST_X)) == area["west"]
    assert responsible_authority(point_at(EAST_X)) == area["east"]


def test_point_on_a_shared_border_goes_to_exactly_one_by_the_documented_rule(area):
    # Both municipalities touch the point; the lower AGS wins.
    assert responsible_authority(point_at(BORDER_X)) == area["west"]


def test_municipality_without_the_module_leaves_it_to_the_district(area):
    assert responsible_authority(point_at(323_000)) == area["district"]


def test_outside_every_jurisdiction_is_a_clear_refusal(area):
    with pytest.raises(NotResponsible, match="außerhalb|outside"):
        responsible_authority(point_from_lat_lon(48.1, 11.6))  # Munich


def test_report_is_stored_with_reference_history_and_answers(area):
    report, created = create_report(report=new(area["pothole"]))
    assert created and report.authority == area["west"]
    assert report.reference.startswith("EM-") and report.status == "open"
    assert report.answers == {"size": "small"}
    assert list(report.history.values_list("status", flat=True)) == ["open"]


def test_category_of_another_place_is_refused_naming_who_is_responsible(area):
    with pytest.raises(NotResponsible) as info:
        create_report(report=new(area["pothole"], x=EAST_X))
    assert "Ostdorf" in info.value.messages[0]
    assert not IncidentReport.objects.exists()


def test_district_category_takes_reports_in_its_municipalities(area):
    report, _ = create_report(report=new(area["district_road"], x=EAST_X, answers={}))
    assert report.authority == area["district"]


def test_inactive_category_or_module_off_is_refused(area):
    area["pothole"].is_active = False
    area["pothole"].save()
    with pytest.raises(ReportRefused):
        create_report(report=new(area["pothole"]))
    area["east"].enabled_modules = []
    area["east"].save()
    with pytest.raises(ReportRefused):
        create_report(report=new(area["light"], x=EAST_X, answers={}))


@pytest.mark.parametrize("answers", [{}, {"size": "huge"}, {"size": ["small", "large"]}])
def test_required_or_unknown_answers_are_refused(area, answers):
    with pytest.raises(ReportRefused):
        create_report(report=new(area["pothole"], answers=answers))


def test_same_idempotency_key_gives_the_same_report(area):
    key = uuid.uuid4()
    first, created = create_report(report=new(area["pothole"]), idempotency_key=key)
    again, created_again = create_report(report=new(area["pothole"]), idempotency_key=key)
    assert created and not created_again and first.pk == again.pk
    with pytest.raises(ReportRefused):
        create_report(report=new(area["pothole"], description="anders"), idempotency_key=key)
    assert IncidentReport.objects.count() == 1


def test_photo_is_reencoded_without_exif_and_gps(area):
    from PIL import Image

    upload = SimpleUploadedFile("x.png", jpeg_with_gps(), content_type="image/png")
    report, _ = create_report(report=new(area["pothole"]), photos=[upload])
    photo = ReportPhoto.objects.get(report=report)
    with photo.file.open("rb") as handle:
        data = handle.read()
    assert b"SpyCam" not in data
    image = Image.open(photo.file.path)
    assert image.format == "JPEG" and not image.getexif()
    assert photo.file.name.startswith("private/incidents/")


@pytest.mark.parametrize("content", [b"%PDF-1.4 not a photo", b"<svg onload=alert(1)>",
                                     b"\xff\xd8\xff" + b"broken" * 10, b""])
def test_non_images_are_refused_and_nothing_is_stored(area, content):
    upload = SimpleUploadedFile("foto.jpg", content, content_type="image/jpeg")
    with pytest.raises(ReportRefused):
        create_report(report=new(area["pothole"]), photos=[upload])
    assert not IncidentReport.objects.exists() and not ReportPhoto.objects.exists()


def test_too_many_and_oversize_photos_are_refused(area, settings):
    photos = [SimpleUploadedFile(f"{i}.jpg", jpeg_with_gps()) for i in range(6)]
    with pytest.raises(ReportRefused, match="5"):
        create_report(report=new(area["pothole"]), photos=photos)
    settings.INCIDENTS_MAX_PHOTO_BYTES = 100
    with pytest.raises(ReportRefused):
        create_report(report=new(area["pothole"]), photos=[SimpleUploadedFile("a.jpg", jpeg_with_gps())])


@pytest.mark.parametrize("lat, lon", [("nan", "13"), ("51", "inf"), ("1e400", "13"),
                                      ("91", "13"), ("51", "-181"), ("", "13"), ("abc", "13"),
                                      ("5" * 100, "13"), (True, 13)])
def test_bad_coordinates_are_refused(lat, lon):
    with pytest.raises(ReportRefused):
        point_from_lat_lon(lat, lon)


def test_control_characters_in_contact_are_refused(area):
    with pytest.raises(ReportRefused):
        create_report(report=new(area["pothole"],
                                 reporter=Reporter(name="A\r\nBcc: x@example.org")))


def test_confirmation_mail_after_commit(area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = create_report(report=new(area["pothole"],
                                             reporter=Reporter(email="buerger@example.org")))
    assert len(mail.outbox) == 1
    assert report.reference in mail.outbox[0].subject
