"""Manual entry of statements received by letter, by e-mail or in person."""

import json
import uuid
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fixtures.pdf import simple_pdf
from planning.models import Channel, Statement

from .conftest import point_in

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
AFTER_THE_PHASE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def entry_url(tenant):
    return reverse("planning_statements_staff:create") + f"?plan={tenant.plan.uid}"


def payload(tenant, **overrides):
    location = point_in(tenant.plan).transform(4326, clone=True)
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "phase": tenant.phase.pk,
        "received_on": "2026-10-20",
        "channel": Channel.LETTER,
        "submitter_kind": "public",
        "text": "Bitte den Uferstreifen freihalten.",
        "topics": ["Grün"],
        "location": json.dumps({"type": "Point", "coordinates": [location.x, location.y]}),
        "location_text": "Bachweg 3",
        "name": "Erika Mustermann", "street": "Bachweg 3", "postcode": "01234",
        "city": "Musterstadt", "email": "",
    }
    data.update(overrides)
    return data


def test_choose_a_plan_first(client, own, foreign):
    client.force_login(own.planner)
    page = client.get(reverse("planning_statements_staff:create"), **EN)
    assert page.status_code == 200
    choices = [str(value) for value, _label in page.context["form"].fields["plan"].choices]
    assert str(own.plan.uid) in choices and str(foreign.plan.uid) not in choices
    assert client.get(entry_url(foreign)).status_code == 404
    assert client.get(reverse("planning_statements_staff:create") + "?plan=x").status_code == 404
    client.force_login(own.viewer)
    assert client.get(entry_url(own)).status_code == 403


@time_machine.travel(AFTER_THE_PHASE, tick=False)
def test_enter_a_letter_with_scan_and_place(client, own):
    client.force_login(own.planner)
    form = client.get(entry_url(own), **EN)
    assert form.status_code == 200
    assert form.context["form"].initial["received_on"] == date(2026, 11, 2)
    scan = SimpleUploadedFile("brief.pdf", simple_pdf("Brief", ["Einwendung"]),
                              content_type="application/pdf")
    response = client.post(entry_url(own), payload(own, attachments=[scan]), **EN)
    assert response.status_code == 302, response.context["form"].errors
    statement = Statement.objects.get()
    assert response["Location"] == reverse("planning_statements_staff:detail", args=[statement.uid])
    assert statement.channel == Channel.LETTER and statement.entered_by == own.planner
    assert timezone.localdate(statement.received_at) == date(2026, 10, 20)
    assert not statement.is_late  # received within the phase, entered later
    assert statement.location.geom_type == "Point" and statement.location.srid == 25832
    assert statement.topics == ["Grün"] and statement.name == "Erika Mustermann"
    assert statement.attachments.get().content_type == "application/pdf"


@time_machine.travel(AFTER_THE_PHASE, tick=False)
def test_a_letter_received_after_the_end_is_late_and_today_is_now(client, own):
    client.force_login(own.planner)
    response = client.post(entry_url(own), payload(own, received_on="2026-11-02",
                                                   channel=Channel.EMAIL), **EN)
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.is_late and statement.channel == Channel.EMAIL
    assert statement.received_at == AFTER_THE_PHASE


@time_machine.travel(AFTER_THE_PHASE, tick=False)
def test_refusals_are_shown_and_nothing_is_stored(client, own, foreign):
    client.force_login(own.planner)
    cases = [
        ({"received_on": "2026-11-03"}, "received_on", "future"),
        ({"received_on": "2026-09-01"}, None, "starts on"),          # before the phase
        ({"phase": foreign.phase.pk}, "phase", "valid choice"),
        ({"channel": "online"}, "channel", "valid choice"),
        ({"text": ""}, "text", "Type the text"),
        ({"topics": ["Unbekannt"]}, "topics", "valid choice"),
        ({"postcode": "123"}, None, "five digits"),
        ({"location": '{"type":"Point","coordinates":[6.0, 50.0]}'}, None, "outside the area"),
        ({"location": '{"type":"Point","coordinates":[NaN, 1]}'}, "location", "valid GeoJSON"),
        ({"name": "Erika\r\nBcc: x@example.org"}, None, "line breaks"),
    ]
    for overrides, field, fragment in cases:
        response = client.post(entry_url(own), payload(own, **overrides), **EN)
        assert response.status_code == 400, overrides
        errors = response.context["form"].errors
        messages = errors.get(field or "__all__", [])
        assert any(fragment in m for m in messages), (overrides, errors)
    assert Statement.objects.count() == 0


@time_machine.travel(AFTER_THE_PHASE, tick=False)
def test_double_submit_stores_one_statement(client, own):
    client.force_login(own.planner)
    data = payload(own)
    first = client.post(entry_url(own), data)
    second = client.post(entry_url(own), data)
    assert first["Location"] == second["Location"]
    assert Statement.objects.count() == 1


@time_machine.travel(AFTER_THE_PHASE, tick=False)
def test_after_an_error_the_scan_must_be_chosen_again_and_the_page_says_so(client, own):
    client.force_login(own.planner)
    scan = SimpleUploadedFile("brief.pdf", simple_pdf("Brief", ["Uferstreifen"]),
                              content_type="application/pdf")
    response = client.post(entry_url(own), payload(own, text="", attachments=[scan]), **EN)
    assert response.status_code == 400
    assert not Statement.objects.filter(plan=own.plan).exists()
    html = response.content.decode()
    warning_at = html.index('id="id_attachments_unkept"')
    assert "Please choose your attachments again." in html[warning_at:]
    assert "Not yet attached: brief.pdf." in html[warning_at:]
