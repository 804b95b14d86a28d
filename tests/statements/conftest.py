import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from fixtures.pdf import simple_pdf
from planning.models import PrivacyNotice
from planning.services.phases import schedule_phase

from ..factories import make_authority, make_plan, square


@pytest.fixture
def plan():
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000))
    return make_plan(town, name="Am Mühlbach", number="MS-12",
                     area=square(820_000, 5_655_000, 400))


@pytest.fixture
def phase(plan):
    # Ends on Sunday 25.10.2026, the day clocks go back (25 hours).
    return schedule_phase(plan=plan, kind="baugb_3_2", start_date=date(2026, 9, 25),
                          end_date=date(2026, 10, 25))


@pytest.fixture
def notice(plan):
    return PrivacyNotice.objects.create(authority=plan.authority, version=1,
                                        text="Wir verarbeiten Ihre Angaben nach Art. 6 DSGVO …")


def pdf_upload(name="einwand.pdf"):
    return SimpleUploadedFile(name, simple_pdf("Einwendung", ["Bitte Bäume erhalten."]),
                              content_type="application/pdf")


def jpeg_with_exif(name="foto.jpg"):
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"                 # Make
    exif[0x010E] = "Wohnung Erika Muster"   # ImageDescription
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
