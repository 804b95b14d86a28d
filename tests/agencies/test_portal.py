"""The agency's page behind its personal link: the plan, the deadline, statements with
attachments, "no concerns", receipts – and clear refusals for wrong, expired or foreign links."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import translation

from planning.models import (
    AgencyInvitation,
    InvitationState,
    PlanDocument,
    Statement,
    StatementAttachment,
    SubmitterKind,
)
from planning.services.documents import add_document

from .conftest import AFTER, invite, pdf_upload

pytestmark = pytest.mark.django_db


def link_url(secret):
    return reverse("planning_agencies:link", kwargs={"token": secret})


def page_url(client, secret):
    """Open the personal link in `client`'s session; the token-free page (or the link if
    it is refused)."""
    response = client.get(link_url(secret))
    return response["Location"] if response.status_code == 303 else link_url(secret)


def uid_of(client, secret):
    return resolve(page_url(client, secret)).kwargs["invitation_uid"]


def post_statement(client, secret, **data):
    data.setdefault("text", "Die Trinkwasserschutzzone II ist zu beachten.")
    with translation.override("en"):
        return client.post(page_url(client, secret), data, HTTP_ACCEPT_LANGUAGE="en")


def test_the_page_shows_plan_deadline_documents_and_forms(client, world, invited):
    add_document(plan=world["plan"], kind="1010", title="Begründung (Entwurf)",
                 upload=pdf_upload("begruendung.pdf"))
    add_document(plan=world["plan"], kind="1010", title="Interner Vermerk",
                 upload=pdf_upload("intern.pdf"), is_public=False)
    with translation.override("en"):
        response = client.get(page_url(client, invited["water"]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "B-Plan Musterstadt" in html and "Wasserbehörde Musterstadt" in html
    assert "until 5 October 2026, 23:59 (German time)" in html
    assert "Begründung (Entwurf)" in html and "Interner Vermerk" not in html
    assert "Reasoning" in html and "Explanatory" not in html  # the document type, in English
    german = client.get(page_url(client, invited["water"]), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "5. Oktober 2026, 23:59" in german and "Begründung" in german
    assert 'id="statement-form"' in html and 'id="no-concerns-form"' in html
    assert world["plan"].get_absolute_url() in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    document = PlanDocument.objects.get(title="Begründung (Entwurf)")
    uid = uid_of(client, invited["water"])
    download = client.get(reverse("planning_agencies:portal-document",
                                  kwargs={"invitation_uid": uid, "document_uid": document.uid}))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    hidden = PlanDocument.objects.get(title="Interner Vermerk")
    assert client.get(reverse("planning_agencies:portal-document", kwargs={
        "invitation_uid": uid, "document_uid": hidden.uid})).status_code == 404
    area = client.get(reverse("planning_agencies:portal-area", kwargs={"invitation_uid": uid}))
    assert area.json()["geometry"]["type"] == "MultiPolygon"


def test_submit_a_statement_with_a_pdf_gets_a_reference_and_a_receipt(
        client, world, invited, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_statement(client, invited["water"], topics=["Wasser"],
                                  location_text="Flurstück 12/3",
                                  attachments=[pdf_upload()])
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.submitter_kind == SubmitterKind.AGENCY
    assert statement.agency == world["water"] and statement.phase == world["phase"]
    assert statement.organisation == "Wasserbehörde Musterstadt"
    assert statement.topics == ["Wasser"] and statement.location_text == "Flurstück 12/3"
    assert statement.reference.startswith("ST-2026-")
    assert StatementAttachment.objects.get(statement=statement).content_type == "application/pdf"
    invitation = AgencyInvitation.objects.get(phase=world["phase"], agency=world["water"])
    assert invitation.state == InvitationState.ANSWERED and invitation.answered_at is not None
    assert response["Location"] == reverse("planning_agencies:portal-receipt", kwargs={
        "invitation_uid": uid_of(client, invited["water"]), "statement_uid": statement.uid})
    with translation.override("en"):
        receipt = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert receipt.status_code == 200
    assert statement.reference in receipt.content.decode()
    assert "stellungnahme.pdf" in receipt.content.decode()
    pdf = client.get(reverse("planning_agencies:portal-receipt-pdf", kwargs={
        "invitation_uid": uid_of(client, invited["water"]), "statement_uid": statement.uid}))
    assert pdf.content.startswith(b"%PDF")
    # The receipt e-mail of the shared statement service goes to the agency's first address.
    receipts = [m for m in mail.outbox if statement.reference in m.subject]
    assert receipts and receipts[0].to == ["wasser@musterstadt.example"]


def test_several_statements_and_the_same_form_sent_twice(client, world, invited):
    key = "8a1f2c44-5d3e-4c8f-9a41-0e2b3c4d5e6f"
    first = post_statement(client, invited["water"], idempotency_key=key)
    again = post_statement(client, invited["water"], idempotency_key=key)
    assert first["Location"] == again["Location"]
    post_statement(client, invited["water"], text="Zweite Stellungnahme zum Boden.")
    assert Statement.objects.filter(agency=world["water"]).count() == 2
    page = client.get(page_url(client, invited["water"])).content.decode()
    for statement in Statement.objects.all():
        assert statement.reference in page


def test_no_concerns(client, world, invited):
    with translation.override("en"):
        uid = uid_of(client, invited["telecom"])
        response = client.post(reverse("planning_agencies:portal-no-concerns",
                                       kwargs={"invitation_uid": uid}), {"nc-remark": ""})
    assert response.status_code == 302
    statement = Statement.objects.get(agency=world["telecom"])
    assert statement.no_concerns and statement.text == "No concerns."
    assert AgencyInvitation.objects.get(agency=world["telecom"]).state == InvitationState.ANSWERED


def test_a_fake_pdf_is_refused_and_nothing_is_stored(client, world, invited):
    fake = SimpleUploadedFile("gutachten.pdf", b"<html><script>alert(1)</script></html>",
                              content_type="application/pdf")
    response = post_statement(client, invited["water"], attachments=[fake])
    assert response.status_code == 200
    assert "not a PDF, JPEG, PNG or WebP file" in response.content.decode()
    assert Statement.objects.count() == 0
    assert AgencyInvitation.objects.get(agency=world["water"]).state == InvitationState.INVITED


def test_statement_text_is_escaped(client, world, invited):
    response = post_statement(client, invited["water"], text='<img src=x onerror="alert(1)">')
    receipt = client.get(response["Location"]).content.decode()
    assert "<img src=x" not in receipt and "&lt;img src=x" in receipt


@pytest.mark.parametrize("token", ["x" * 43, "kurz", "unknown_but_well-formed_secret_000000000000",
                                   "a" * 200], ids=["shape", "short", "unknown", "long"])
def test_a_wrong_link_is_404_with_an_explanation(client, invited, token):
    with translation.override("en"):
        response = client.get(page_url(client, token), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "This link is not valid" in html
    assert "Musterstadt" not in html
    assert client.post(page_url(client, token), {"text": "x"}).status_code == 404


def test_an_expired_link_is_410_with_the_end_of_the_period(client, world, invited):
    with time_machine.travel(AFTER, tick=False), translation.override("en"):
        response = client.get(page_url(client, invited["water"]), HTTP_ACCEPT_LANGUAGE="en")
        posted = post_statement(client, invited["water"])
    assert response.status_code == 410
    html = response.content.decode()
    assert "The period for statements has ended" in html
    assert "5 October 2026, 23:59" in html
    assert posted.status_code == 410 and Statement.objects.count() == 0


def test_the_last_second_is_still_open(client, world, invited):
    with time_machine.travel(datetime(2026, 10, 5, 21, 59, 59, tzinfo=UTC), tick=False):
        assert post_statement(client, invited["water"]).status_code == 302


def test_a_retry_after_the_end_returns_the_original_receipt(client, world, invited):
    key = "1b7d0a7e-7c55-4c59-b3a5-2b9a2f8f2a10"
    with time_machine.travel(datetime(2026, 10, 5, 21, 59, 59, tzinfo=UTC), tick=False):
        first = post_statement(client, invited["water"], idempotency_key=key)
    statement = Statement.objects.get()
    assert first.status_code == 302
    with time_machine.travel(AFTER, tick=False):
        retry = post_statement(client, invited["water"], idempotency_key=key)
        other = post_statement(client, invited["water"], idempotency_key=key, text="Anders")
    assert retry.status_code == 200 and statement.reference in retry.content.decode()
    assert other.status_code == 410
    assert Statement.objects.count() == 1


def test_a_link_of_another_phase_is_refused(client, world, django_capture_on_commit_callbacks):
    """The §4(1) link no longer works in the §4(2) phase, and never shows §4(2) statements."""
    with time_machine.travel(datetime(2026, 6, 10, 8, 0, tzinfo=UTC), tick=False):
        early = invite(world, world["water"], phase=world["early"],
                       capture=django_capture_on_commit_callbacks)[world["water"].pk]
    with time_machine.travel(datetime(2026, 9, 15, 8, 0, tzinfo=UTC), tick=False):
        current = invite(world, world["water"], capture=django_capture_on_commit_callbacks)[
            world["water"].pk]
        post_statement(client, current)
        statement = Statement.objects.get()
        assert client.get(page_url(client, early)).status_code == 410
        receipt = reverse("planning_agencies:portal-receipt", kwargs={
            "invitation_uid": uid_of(client, early), "statement_uid": statement.uid})
        assert client.get(receipt).status_code == 410
        assert client.get(page_url(client, current)).status_code == 200


def test_a_link_never_reaches_another_agencys_statement(client, world, invited):
    response = post_statement(client, invited["water"])
    statement = Statement.objects.get()
    assert response.status_code == 302
    for name in ("portal-receipt", "portal-receipt-pdf"):
        url = reverse(f"planning_agencies:{name}", kwargs={
            "invitation_uid": uid_of(client, invited["telecom"]), "statement_uid": statement.uid})
        assert client.get(url).status_code == 404


def test_a_link_never_reaches_another_plans_document(client, world, foreign, invited):
    document = add_document(plan=foreign["plan"], kind="1010", title="Fremd",
                            upload=pdf_upload())
    url = reverse("planning_agencies:portal-document", kwargs={
        "invitation_uid": uid_of(client, invited["water"]), "document_uid": document.uid})
    assert client.get(url).status_code == 404


def test_deactivated_agency_and_withdrawn_link(client, world, invited):
    from planning.agencies.register import update_agency

    update_agency(agency=world["telecom"], is_active=False)
    assert client.get(page_url(client, invited["telecom"])).status_code == 404
    AgencyInvitation.objects.filter(agency=world["water"]).delete()
    assert client.get(page_url(client, invited["water"])).status_code == 404


def test_before_the_phase_opens_the_page_shows_the_start_and_takes_nothing(
        client, world, django_capture_on_commit_callbacks):
    from planning.services.phases import schedule_phase

    with time_machine.travel(datetime(2026, 10, 20, 8, 0, tzinfo=UTC), tick=False):
        later = schedule_phase(plan=world["plan"], kind="baugb_4_2", title="Zweite Runde",
                               start_date=date(2026, 11, 2), end_date=date(2026, 12, 4))
        secret = invite(world, world["telecom"], phase=later,
                        capture=django_capture_on_commit_callbacks)[world["telecom"].pk]
        with translation.override("en"):
            page = client.get(page_url(client, secret), HTTP_ACCEPT_LANGUAGE="en")
            posted = post_statement(client, secret)
    assert page.status_code == 200
    assert "The period starts on 2 November 2026" in page.content.decode()
    assert 'id="statement-form"' not in page.content.decode()
    assert posted.status_code == 200 and "cannot be submitted yet" in posted.content.decode()
    assert Statement.objects.count() == 0


def test_refusals_do_not_write_the_link_to_the_log(client, world, invited, caplog):
    url = reverse("planning_agencies:portal-receipt", kwargs={
        "invitation_uid": uid_of(client, invited["water"]),
        "statement_uid": "00000000-0000-4000-8000-000000000000"})
    with caplog.at_level("INFO"):
        assert client.get(url).status_code == 404
        with time_machine.travel(AFTER, tick=False):
            assert client.get(page_url(client, invited["water"])).status_code == 410
    assert invited["water"] not in caplog.text
    assert "refused with 404" in caplog.text and "refused with 410" in caplog.text


def test_after_an_error_the_agency_is_asked_to_choose_its_files_again(client, world, invited):
    response = post_statement(client, invited["water"], text="",
                              attachments=[pdf_upload("gutachten.pdf"), pdf_upload("karte.pdf")])
    assert Statement.objects.count() == 0
    html = response.content.decode()
    warning = html[html.index('id="id_attachments_unkept"'):]
    assert "Please choose your attachments again." in warning
    assert "Not yet attached: gutachten.pdf, karte.pdf." in warning
