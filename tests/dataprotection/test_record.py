"""The record of processing activities: generated from the authority's procedures and
settings, editable free text, exported as a tagged PDF and as an ODT."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from planning.models import StatementSettings
from planning.models.participation_settings import IdentityMode

from ..tagged_pdf import tagged_pdf_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured(world, town):
    _plan, phase, _s = world
    StatementSettings.objects.create(phase=phase, identity=IdentityMode.NAMED,
                                     allow_cosigning=True)
    town.dpo_name = "Dr. Daten Schutz"
    town.dpo_email = "dsb@musterstadt.example.org"
    town.contact_address = "Markt 1, 01067 Musterstadt"
    town.enabled_modules = ["bauleitplanung"]
    town.save()
    return town


def test_page_generates_and_saves_the_free_text(client, configured, admin, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(admin)
    url = reverse("dataprotection:record", kwargs={"authority_pk": configured.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Dr. Daten Schutz" in page and "Markt 1, 01067 Musterstadt" in page
    assert "Statements in land-use planning procedures" in page
    assert "name and postal address required" in page and "co-signing allowed" in page
    assert "24 months after the last phase of the procedure ended" in page
    response = client.post(url, {"recipients": "Ingenieurbüro Plan & Partner",
                                 "controller": "", "dpo_contact": "", "security_measures": "",
                                 "notes": ""})
    assert response.status_code == 302
    assert "Ingenieurbüro Plan &amp; Partner" in client.get(url).content.decode()


def test_pdf_is_tagged_and_names_the_activities(client, configured, admin):
    client.force_login(admin)
    response = client.get(reverse("dataprotection:record-pdf",
                                  kwargs={"authority_pk": configured.pk}),
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Type"] == "application/pdf"
    assert tagged_pdf_problems(response.content) == []
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Dr. Daten Schutz" in text and "Mühlbachwiesen" in text
    assert "Co-signing of publicly displayed statements" in text or "Mitzeichnung" in text


def test_odt_is_a_valid_document_with_the_activities(client, configured, admin):
    client.force_login(admin)
    response = client.get(reverse("dataprotection:record-odt",
                                  kwargs={"authority_pk": configured.pk}))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = archive.read("content.xml").decode()
    assert "Dr. Daten Schutz" in content and "Mühlbachwiesen" in content
    assert "Landesamt für Umwelt" in content  # the agency of the plan
