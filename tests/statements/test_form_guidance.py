"""The public statement form says what a person needs to know: the data-protection notice
beside the consent box (or plainly that there is none), spam-trap refusals without internal
field names, and that chosen attachments must be chosen again after an error."""

import time
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from planning.models import PrivacyNotice, Statement
from planning.statements.forms import read_rendered_token, rendered_token

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
NOTICE_TEXT = "Wir verarbeiten Ihre Angaben nach Art. 6 Abs. 1 lit. e DSGVO."


@pytest.fixture(autouse=True)
def during_the_phase():
    with time_machine.travel(datetime(2026, 10, 1, 10, 0, tzinfo=UTC)):
        yield


def form_url(plan):
    return reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])


def payload(**overrides):
    key = uuid.uuid4()
    data = {
        "idempotency_key": str(key),
        "rendered": rendered_token(key, at=time.time() - 60),
        "website": "", "text": "Bitte den Bach offen lassen.", "anonymous": "yes",
        "email": "", "privacy_accepted": "on", "location": "",
    }
    data.update(overrides)
    return data


def test_form_shows_the_notice_text_beside_the_consent_box(client, plan, phase):
    PrivacyNotice.objects.create(authority=plan.authority, version=1, text="Alte Fassung.")
    PrivacyNotice.objects.create(authority=plan.authority, version=2, text=NOTICE_TEXT)
    html = client.get(form_url(plan), **EN).content.decode()
    notice_at = html.index('id="privacy-notice"')
    assert NOTICE_TEXT in html[notice_at:] and "Alte Fassung." not in html
    assert "<details" not in html[notice_at:]  # shown, not folded away
    assert "(version 2)" in html
    assert html.index('name="privacy_accepted"') > notice_at
    assert "I have read the data-protection notice" in html


def test_form_says_clearly_when_no_notice_is_configured(client, plan, phase):
    plan.authority.dpo_email = "datenschutz@musterstadt.example"
    plan.authority.save()
    html = client.get(form_url(plan), **EN).content.decode()
    assert 'id="privacy-notice-missing"' in html
    assert "has not published a data-protection notice" in html
    assert "datenschutz@musterstadt.example" in html
    assert "I have read the data-protection notice" not in html  # nothing to have read
    response = client.post(form_url(plan), payload(), **EN)
    assert response.status_code == 302
    assert Statement.objects.get().privacy_notice is None


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"rendered": "SET_NOW"}, "within a few seconds of opening it"),
    ({"rendered": "forged"}, "The form has expired."),
    ({"website": "http://spam.example"}, "a field that must stay empty was filled in"),
    ({"rendered": None}, "The form arrived incomplete."),
    ({"idempotency_key": "not-a-uuid"}, "The form arrived incomplete."),
])
def test_trap_refusals_are_plain_words_without_field_names(client, plan, phase, notice,
                                                          overrides, expected):
    data = payload()
    for key, value in overrides.items():
        if value is None:
            del data[key]
        else:
            data[key] = (rendered_token(data["idempotency_key"]) if value == "SET_NOW"
                         else value)
    response = client.post(form_url(plan), data, **EN)
    assert response.status_code == 400
    assert Statement.objects.count() == 0
    html = response.content.decode()
    summary = html[html.index('id="error-summary"'):html.index("</div>", html.index('id="error-summary"'))]
    assert expected in summary
    for internal in ("Rendered", "rendered:", "Idempotency", "Website", "Leave this field empty:"):
        assert internal not in summary


def test_too_quick_form_can_be_sent_again_and_then_succeeds(client, plan, phase, notice):
    first = payload()
    first["rendered"] = rendered_token(first["idempotency_key"])
    response = client.post(form_url(plan), first, **EN)
    assert response.status_code == 400
    token = response.context["form"].rendered_token
    assert token == first["rendered"]  # the time the form was first shown is kept
    with time_machine.travel(datetime(2026, 10, 1, 10, 0, 10, tzinfo=UTC)):
        again = client.post(form_url(plan), {**first, "rendered": token}, **EN)
    assert again.status_code == 302
    assert Statement.objects.count() == 1


def test_expired_form_is_shown_again_with_a_fresh_token(client, plan, phase, notice):
    response = client.post(form_url(plan), payload(rendered="forged"), **EN)
    token = response.context["form"].rendered_token
    assert token != "forged" and read_rendered_token(token) is not None


def test_after_an_error_the_form_asks_to_choose_the_attachments_again(client, plan, phase, notice):
    data = payload(text="", attachments=[pdf_upload("einwand.pdf"), pdf_upload("anlage-2.pdf")])
    response = client.post(form_url(plan), data, **EN)
    assert response.status_code == 400
    assert Statement.objects.count() == 0
    html = response.content.decode()
    assert 'href="#id_attachments"' in html[html.index('id="error-summary"'):]
    warning_at = html.index('id="attachments-unkept"')
    warning = html[warning_at:html.index("</p>", warning_at)]
    assert "Please choose your attachments again." in warning
    assert "einwand.pdf, anlage-2.pdf" in warning
    assert 'aria-describedby="attachments-unkept"' in html


def test_no_attachment_warning_without_attachments_or_on_first_view(client, plan, phase, notice):
    assert 'id="attachments-unkept"' not in client.get(form_url(plan), **EN).content.decode()
    response = client.post(form_url(plan), payload(text=""), **EN)
    assert response.status_code == 400
    assert 'id="attachments-unkept"' not in response.content.decode()


def test_cosign_trap_refusal_is_shown_to_the_person(client, plan, phase, notice):
    from planning.models import ModerationState, StatementSettings

    StatementSettings.objects.create(phase=phase, display_publicly=True, allow_cosigning=True)
    statement = Statement.objects.create(
        authority=plan.authority, plan=plan, phase=phase, reference="ST-2026-00001",
        text="Bitte Bäume erhalten.", received_at=datetime(2026, 9, 30, tzinfo=UTC),
        moderation=ModerationState.APPROVED)
    url = reverse("planning:cosign", args=[plan.authority.slug, plan.uid, statement.uid])
    response = client.post(url, {"name": "Max", "email": "max@example.org",
                                 "website": "http://spam.example"}, **EN)
    assert response.status_code == 400
    assert "a field that must stay empty was filled in" in response.content.decode()
    assert statement.cosignatures.count() == 0
