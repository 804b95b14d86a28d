"""A refused layer upload: a visible failed row with a reason, no stored file, no server path."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gis.errors import without_paths
from gis.models import IngestStatus
from gis.services.layers import create_raster_layer, create_vector_layer
from gis.tasks import ingest_layer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("name, content", [
    ("plan.geojson", b"{kein json"),
    ("plan.gpkg", b"SQLite format 3\x00kaputt"),
    ("plan.kml", b"<kml><kaputt"),
    ("plan.zip", b"PK\x03\x04kaputt"),
])
def test_a_refused_vector_file_is_deleted_and_its_message_names_no_path(
        media, queue_upload, name, content):
    layer = queue_upload(create_vector_layer, name="Plan",
                         upload=SimpleUploadedFile(name, content))
    assert layer.status == IngestStatus.FAILED
    assert "/tmp" not in layer.status_message and "ingest-" not in layer.status_message
    assert "not kept" in layer.status_message or "nicht aufbewahrt" in layer.status_message
    assert not layer.source_file
    assert stored_files(media) == []


def test_a_refused_raster_and_its_world_file_are_deleted(media, queue_upload):
    layer = queue_upload(create_raster_layer, name="Scan",
                         upload=SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\nkaputt"),
                         world_file=SimpleUploadedFile("scan.pgw", b"1\n0\n0\n-1\n820000\n5655400\n"),
                         srid=25832)
    assert layer.status == IngestStatus.FAILED
    assert "/tmp" not in layer.status_message
    assert (layer.source_file.name, layer.world_file.name) == ("", "")
    assert stored_files(media) == []


def test_running_a_failed_layer_again_says_the_file_is_gone(media, queue_upload):
    layer = queue_upload(create_vector_layer, name="Plan",
                         upload=SimpleUploadedFile("plan.geojson", b"{kein json"))
    ingest_layer.call(layer.pk)
    layer.refresh_from_db()
    assert layer.status == IngestStatus.FAILED
    assert "no longer stored" in layer.status_message or "nicht mehr" in layer.status_message


@pytest.mark.parametrize("text, expected", [
    ("`/tmp/ingest-ab12/input.geojson' not recognized", "`…' not recognized"),
    ("[Errno 2] No such file: '/srv/media/private/x'", "[Errno 2] No such file: '…'"),
    ("Geschwindigkeit 30 km/h, Maßstab 1:500", "Geschwindigkeit 30 km/h, Maßstab 1:500"),
])
def test_without_paths(text, expected):
    assert without_paths(text) == expected
