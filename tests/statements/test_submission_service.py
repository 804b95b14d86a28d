"""create_statement: deadlines in Berlin, idempotency, attachments, identity, location."""

import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.gis.geos import LineString, Point, Polygon
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation
from PIL import Image

from planning.models import IdentityMode, Statement, StatementAttachment, StatementSettings
from planning.services.statements import Identity, Submission, create_statement
from planning.statements.errors import IdempotencyConflict, StatementRefused

from .conftest import jpeg_with_exif, pdf_upload

pytestmark = pytest.mark.django_db

LAST_SECOND = datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC)   # 25.10. 23:59:59 CET
FIRST_LATE = datetime(2026, 10, 25, 23, 0, 0, tzinfo=UTC)      # 26.10. 00:00:00 CET


def submit(plan, phase, notice=None, **kwargs):
    submission = Submission(text=kwargs.pop("text", "Bitte die Bäume am Bach erhalten."),
                            **kwargs.pop("submission", {}))
    return create_statement(plan=plan, phase=phase, submission=submission,
                            privacy_notice=notice, **kwargs)


def test_on_time_at_the_last_second_of_the_dst_day_and_refused_one_second_later(plan, phase, notice):
    with time_machine.travel(LAST_SECOND, tick=False):
        statement, created = submit(plan, phase, notice)
    assert created and not statement.is_late
    assert statement.reference == "ST-2026-00001"
    with (time_machine.travel(FIRST_LATE, tick=False), translation.override("en"),
          pytest.raises(StatementRefused, match="ended on 25.10.2026")):
        submit(plan, phase, notice, text="zu spät")
    assert Statement.objects.count() == 1


def test_late_statement_accepted_and_marked_where_the_phase_allows(plan, phase, notice):
    phase.accepts_late_statements = True
    phase.save()
    with time_machine.travel(FIRST_LATE, tick=False):
        statement, _ = submit(plan, phase, notice)
    assert statement.is_late


def test_not_before_the_phase_opens(plan, phase, notice):
    with (time_machine.travel(datetime(2026, 9, 24, 21, 59, 59, tzinfo=UTC), tick=False),
          pytest.raises(StatementRefused)):
        submit(plan, phase, notice)
    with time_machine.travel(datetime(2026, 9, 24, 22, 0, 0, tzinfo=UTC), tick=False):
        assert submit(plan, phase, notice)[1]


def test_idempotent_retry_returns_the_original_even_after_the_deadline(plan, phase, notice):
    key = uuid.uuid4()
    with time_machine.travel(LAST_SECOND, tick=False):
        first, created = submit(plan, phase, notice, idempotency_key=key)
        again, created_again = submit(plan, phase, notice, idempotency_key=key)
    assert created and not created_again and again.pk == first.pk
    with time_machine.travel(FIRST_LATE, tick=False):
        retry, created_retry = submit(plan, phase, notice, idempotency_key=key)
    assert retry.pk == first.pk and not created_retry
    with time_machine.travel(LAST_SECOND, tick=False), pytest.raises(IdempotencyConflict):
        submit(plan, phase, notice, idempotency_key=key, text="anderer Text")
    assert Statement.objects.count() == 1


def test_reference_numbers_are_consecutive_per_authority(plan, phase, notice):
    with time_machine.travel(LAST_SECOND, tick=False):
        refs = [submit(plan, phase, notice, text=f"Nr. {i}")[0].reference for i in range(3)]
    assert refs == ["ST-2026-00001", "ST-2026-00002", "ST-2026-00003"]


@time_machine.travel(LAST_SECOND, tick=False)
def test_attachments_checked_by_content_and_images_stripped(plan, phase, notice):
    statement, _ = submit(plan, phase, notice, attachments=[pdf_upload(), jpeg_with_exif()])
    stored = {a.content_type: a for a in statement.attachments.all()}
    assert set(stored) == {"application/pdf", "image/jpeg"}
    image = Image.open(stored["image/jpeg"].file.path)
    assert not image.getexif()  # no camera, no GPS
    assert image.size == (64, 48)
    disguised = SimpleUploadedFile("harmlos.pdf", b"MZ\x90\x00 executable")
    with pytest.raises(StatementRefused), translation.override("en"):
        submit(plan, phase, notice, text="zweite", attachments=[disguised])
    svg = SimpleUploadedFile("bild.png", b"<svg onload=alert(1)>")
    with pytest.raises(StatementRefused):
        submit(plan, phase, notice, text="dritte", attachments=[svg])
    assert Statement.objects.count() == 1 and StatementAttachment.objects.count() == 2


@time_machine.travel(LAST_SECOND, tick=False)
def test_oversized_attachment_is_refused(plan, phase, notice, settings):
    settings.PORTAL_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(StatementRefused), translation.override("en"):
        submit(plan, phase, notice, attachments=[pdf_upload()])
    assert Statement.objects.count() == 0


@time_machine.travel(LAST_SECOND, tick=False)
def test_location_inside_kept_outside_and_self_crossing_refused(plan, phase, notice):
    centre = plan.area.centroid
    point = Point(centre.x, centre.y, srid=25832)
    statement, _ = submit(plan, phase, notice, submission={"location": point})
    assert statement.location.geom_type == "Point"
    far = Point(centre.x + 20_000, centre.y, srid=25832)
    with pytest.raises(StatementRefused, match="outside the area"), translation.override("en"):
        submit(plan, phase, notice, text="weit weg", submission={"location": far})
    x, y = centre.x, centre.y
    bowtie = Polygon(((x, y), (x + 50, y + 50), (x + 50, y), (x, y + 50), (x, y)), srid=25832)
    with pytest.raises(StatementRefused, match="crosses itself"), translation.override("en"):
        submit(plan, phase, notice, text="Fliege", submission={"location": bowtie})
    wgs84_line = LineString((13.56, 50.959), (13.561, 50.9595), srid=4326)
    line_statement, _ = submit(plan, phase, notice, text="Linie", submission={"location": wgs84_line})
    assert line_statement.location.srid == 25832


@time_machine.travel(LAST_SECOND, tick=False)
def test_identity_modes(plan, phase, notice):
    StatementSettings.objects.create(phase=phase, identity=IdentityMode.NAMED)
    with pytest.raises(StatementRefused):
        submit(plan, phase, notice, submission={"identity": Identity(is_anonymous=True)})
    with pytest.raises(StatementRefused):
        submit(plan, phase, notice, submission={"identity": Identity(name="Erika Muster")})
    with pytest.raises(StatementRefused):
        submit(plan, phase, notice, submission={"identity": Identity(
            name="Erika\r\nBcc: x@evil", street="Weg 1", postcode="01067", city="Dresden")})
    statement, _ = submit(plan, phase, notice, submission={"identity": Identity(
        name="Erika Muster", street="Bachweg 3", postcode="01067", city="Dresden")})
    assert statement.name == "Erika Muster" and not statement.is_anonymous


@time_machine.travel(LAST_SECOND, tick=False)
def test_privacy_notice_must_be_the_current_one(plan, phase, notice):
    with pytest.raises(StatementRefused):
        submit(plan, phase, None)
    newer = notice.__class__.objects.create(authority=plan.authority, version=2, text="neu")
    with pytest.raises(StatementRefused):
        submit(plan, phase, notice)
    assert submit(plan, phase, newer)[1]


@pytest.mark.django_db(transaction=True)
def test_receipt_mail_with_pdf_sent_once(plan, phase, notice, mailoutbox):
    with time_machine.travel(LAST_SECOND, tick=False):
        statement, _ = submit(plan, phase, notice, submission={
            "identity": Identity(is_anonymous=True, email="erika@example.org")})
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v", "0")
    from planning.statements.tasks import send_receipt

    send_receipt.call(statement.pk)  # a second run sends nothing
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["erika@example.org"] and statement.reference in mail.subject
    name, content, mimetype = mail.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert statement.reference in text and "Bäume am Bach" in text
