"""The detail page with personal data, attachments (download only for staff), references, and
moderation for public display."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fixtures.pdf import simple_pdf
from planning.models import CoSignature, ModerationState, Statement, StatementSettings
from planning.services.statements import Identity, Submission, create_statement

from .conftest import RECEIVED, XSS, letter

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def detail_url(statement):
    return reverse("planning_statements_staff:detail", args=[statement.uid])


def with_attachment(tenant, name="scan.pdf"):
    upload = SimpleUploadedFile(name, simple_pdf("Brief", ["Einwendung"]),
                                content_type="application/pdf")
    statement, _ = create_statement(
        plan=tenant.plan, phase=tenant.phase, channel="letter", received_at=RECEIVED,
        submission=Submission(text="Siehe Anlage", identity=Identity(name="Erika", email="e@example.org")),
        attachments=[upload],
    )
    return statement


def test_detail_shows_everything_to_staff(client, own):
    statement = letter(own, name="Erika Mustermann", email="erika@example.org", topics=["Grün"])
    CoSignature.objects.create(statement=statement, name="Max", email="max@example.org",
                               confirmed_at=RECEIVED)
    CoSignature.objects.create(statement=statement, name="Moritz", email="moritz@example.org",
                               confirmed_at=RECEIVED)
    # Not confirmed by e-mail: does not count.
    CoSignature.objects.create(statement=statement, name="Bot", email="bot@example.invalid")
    client.force_login(own.viewer)
    response = client.get(detail_url(statement), **EN)
    page = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    for text in (statement.reference, "Erika Mustermann", "erika@example.org", "Bachweg 3",
                 "01234", "Grün", "Bitte den Bach offen lassen.", "Co-signatures"):
        assert text in page, text
    assert response.context["statement"].cosignature_count == 2
    location = response.context["map_config"]["statementLocation"]
    assert location["type"] == "Point" and 13 < location["coordinates"][0] < 16
    # Moderation is shown, but a viewer cannot act.
    assert 'id="moderation-form"' not in page


def test_attachment_download_only_for_staff_of_the_authority(client, own, foreign):
    statement = with_attachment(own, name=f"scan{XSS}.pdf")
    attachment = statement.attachments.get()
    url = reverse("planning_statements_staff:attachment", args=[statement.uid, attachment.uid])
    client.force_login(own.viewer)
    page = client.get(detail_url(statement)).content.decode()
    assert XSS not in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Client().get(url).status_code == 302  # to the login
    client.force_login(foreign.planner)
    assert client.get(url).status_code == 404
    # Another statement's uid with this attachment: 404 too.
    other = letter(own)
    client.force_login(own.planner)
    assert client.get(reverse("planning_statements_staff:attachment",
                              args=[other.uid, attachment.uid])).status_code == 404


def moderate(client, statement, action, public_text):
    return client.post(reverse("planning_statements_staff:moderate", args=[statement.uid]),
                       {"action": action, "public_text": public_text}, **EN)


def test_moderation_approve_edit_back_to_pending_and_reject(client, own):
    statement = letter(own, text="Ich, Erika Mustermann, Bachweg 3, bitte um Erhalt der Bäume.")
    client.force_login(own.planner)
    page = client.get(detail_url(statement)).content.decode()
    assert 'id="moderation-form"' in page
    assert moderate(client, statement, "approve", "").status_code == 400  # needs a public text
    statement.refresh_from_db()
    assert statement.moderation == ModerationState.PENDING
    response = moderate(client, statement, "approve", "Bitte um Erhalt der Bäume.")
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.moderation == ModerationState.APPROVED
    assert statement.public_text == "Bitte um Erhalt der Bäume."
    # Saving the same text keeps the approval; a changed text needs a new approval (D9).
    moderate(client, statement, "save", "Bitte um Erhalt der Bäume.")
    statement.refresh_from_db()
    assert statement.moderation == ModerationState.APPROVED
    moderate(client, statement, "save", "Bitte um Erhalt der Bäume! Mehr unter evil.example")
    statement.refresh_from_db()
    assert statement.moderation == ModerationState.PENDING
    moderate(client, statement, "reject", statement.public_text)
    statement.refresh_from_db()
    assert statement.moderation == ModerationState.REJECTED
    assert moderate(client, statement, "delete", "x").status_code == 400


def test_moderation_only_where_the_phase_displays_statements(client, own):
    StatementSettings.objects.filter(phase=own.phase).update(display_publicly=False)
    statement = letter(own)
    client.force_login(own.planner)
    page = client.get(detail_url(statement), **EN).content.decode()
    assert "moderation-form" not in page
    assert moderate(client, statement, "approve", "Text").status_code == 404
    statement.refresh_from_db()
    assert statement.moderation == ModerationState.PENDING


def test_viewer_cannot_moderate_and_foreign_staff_get_404(client, own, foreign):
    statement = letter(own)
    client.force_login(own.viewer)
    assert moderate(client, statement, "approve", "Text").status_code == 403
    client.force_login(foreign.planner)
    assert moderate(client, statement, "approve", "Text").status_code == 404
    assert client.get(detail_url(statement)).status_code == 404
    assert Statement.objects.get(pk=statement.pk).moderation == ModerationState.PENDING


def test_moderation_needs_post(client, own):
    statement = letter(own)
    client.force_login(own.planner)
    response = client.get(reverse("planning_statements_staff:moderate", args=[statement.uid]))
    assert response.status_code == 405
