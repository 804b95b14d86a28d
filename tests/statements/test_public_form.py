"""The public statement form over HTTP: receipt, idempotency, spam traps, hostile input."""

import time
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from planning.models import Statement
from planning.statements.forms import rendered_token

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


def form_url(plan):
    return reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])


def payload(notice, **overrides):
    key = overrides.pop("idempotency_key", str(uuid.uuid4()))
    data = {
        "idempotency_key": key,
        "rendered": rendered_token(key, at=time.time() - 60),
        "website": "",
        "text": "Bitte den Bach offen lassen.",
        "anonymous": "yes",
        "email": "",
        "privacy_accepted": "on",
        "location": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(OPEN)
def test_submit_and_get_receipt_with_reference(client, plan, phase, notice):
    page = client.get(form_url(plan))
    assert page.status_code == 200 and b'name="idempotency_key"' in page.content
    response = client.post(form_url(plan), payload(notice, attachments=[pdf_upload()]))
    assert response.status_code == 302
    statement = Statement.objects.get()
    receipt = client.get(response["Location"])
    assert statement.reference in receipt.content.decode()
    pdf = client.get(reverse("planning:statement-receipt-pdf",
                             args=[plan.authority.slug, plan.uid, statement.uid]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # Another visitor cannot open this receipt.
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404


@time_machine.travel(OPEN)
def test_double_submit_creates_one_statement(client, plan, phase, notice):
    data = payload(notice)
    first = client.post(form_url(plan), data)
    second = client.post(form_url(plan), data)
    assert first["Location"] == second["Location"]
    assert Statement.objects.count() == 1


@time_machine.travel(OPEN)
def test_spam_traps_refuse(client, plan, phase, notice):
    assert client.post(form_url(plan), payload(notice, website="http://spam")).status_code == 400
    key = str(uuid.uuid4())
    too_fast = rendered_token(key, at=time.time())
    response = client.post(form_url(plan), payload(notice, idempotency_key=key, rendered=too_fast))
    assert response.status_code == 400
    assert client.post(form_url(plan), payload(notice, rendered="forged")).status_code == 400
    assert Statement.objects.count() == 0


@time_machine.travel(OPEN)
def test_hostile_geometry_and_missing_consent(client, plan, phase, notice):
    for bad in ('{"type":"Point","coordinates":[NaN, Infinity]}', "[" * 100000 + "]" * 100000,
                '{"type":"Point","coordinates":[52.52, 13.40, "x"]}',
                '{"type":"Point","coordinates":[900, 13]}'):
        response = client.post(form_url(plan), payload(notice, location=bad))
        assert response.status_code == 400
    far = '{"type":"Point","coordinates":[9.0, 48.0]}'
    response = client.post(form_url(plan), payload(notice, location=far))
    assert response.status_code == 400
    assert "außerhalb des Gebiets" in response.content.decode()
    response = client.post(form_url(plan), payload(notice, privacy_accepted=""))
    assert response.status_code == 400
    assert Statement.objects.count() == 0


@time_machine.travel(OPEN)
def test_script_in_text_is_shown_as_text(client, plan, phase, notice):
    evil = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    response = client.post(form_url(plan), payload(notice, text=evil), follow=True)
    html = response.content.decode()
    assert "<script>alert(2)</script>" not in html and "&lt;script&gt;" in html


def test_closed_phase_shows_explanation(client, plan, phase, notice):
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC)):
        response = client.get(form_url(plan))
        assert response.status_code == 403
        assert client.post(form_url(plan), payload(notice)).status_code == 403
    assert Statement.objects.count() == 0


@time_machine.travel(OPEN)
def test_receipt_pdf_is_tagged_german_with_decimal_commas(client, plan, phase, notice):
    """PDF/UA basics (tests/tagged_pdf.py) and the page's number format: "51,03003° N"."""
    import io
    import json

    from pypdf import PdfReader

    from ..tagged_pdf import document_language, structure_types, tagged_pdf_problems

    centre = plan.area.point_on_surface.transform(4326, clone=True)
    location = json.dumps({"type": "Point", "coordinates": [centre.x, centre.y]})
    response = client.post(form_url(plan), payload(notice, location=location,
                                                   text="Zeile\n" * 400))
    assert response.status_code == 302
    statement = Statement.objects.get()
    pdf = client.get(reverse("planning:statement-receipt-pdf",
                             args=[plan.authority.slug, plan.uid, statement.uid])).content
    assert tagged_pdf_problems(pdf) == []
    assert document_language(pdf) == "de"
    types = structure_types(pdf)
    assert types[:2] == ["/Document", "/H1"] and "/P" in types
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 1  # the long text continues, still tagged
    latitude = f"{centre.y:.5f}".replace(".", ",")
    assert f"{latitude}° N" in text and "." not in latitude
