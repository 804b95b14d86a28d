"""Public agencies in real Chromium: an invited agency opens its personal link, reads the plan
and submits a statement with a PDF; a second agency answers "no concerns"; an expired link
shows its explanation. axe-core checks every page; screenshots go to test-artifacts/."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from fixtures.pdf import simple_pdf
from planning.agencies.invitations import send_invitations
from planning.agencies.proposal import add_agency, propose_agencies
from planning.agencies.register import create_agency
from planning.agencies.tokens import hash_secret, new_secret
from planning.models import AgencyInvitation, InvitationState, Statement
from planning.services.documents import add_document
from planning.services.phases import schedule_phase

from ..factories import make_authority, make_plan, square
from .conftest import assert_accessible, keep_screenshot, pass_second_factor

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"(/toeb/[A-Za-z0-9_-]{43}/)")


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}


@pytest.fixture
def world(live_server):
    today = timezone.localdate()
    town = make_authority(name="Musterstadt", slug="musterstadt", ags="14612000",
                          jurisdiction=square(815_000, 5_650_000, 12_000),
                          contact_email="bauamt@musterstadt.example")
    plan = make_plan(town, name="Am Mühlbach", number="MS-12",
                     area=square(820_000, 5_655_000, 500))
    pdf = simple_pdf("Begründung", ["Entwurf zur Beteiligung der Träger öffentlicher Belange."])
    from django.core.files.uploadedfile import SimpleUploadedFile

    add_document(plan=plan, kind="1010", title="Begründung (Entwurf)",
                 upload=SimpleUploadedFile("begruendung.pdf", pdf))
    early = schedule_phase(plan=plan, kind="baugb_4_1", start_date=today - timedelta(days=60),
                           end_date=today - timedelta(days=30))
    phase = schedule_phase(plan=plan, kind="baugb_4_2", start_date=today - timedelta(days=3),
                           end_date=today + timedelta(days=35))
    water = create_agency(authority=town, name="Untere Wasserbehörde",
                          emails=["wasser@kreis.example"], topics=["Wasser", "Boden"],
                          responsibility_area=square(815_000, 5_650_000, 12_000))
    telecom = create_agency(authority=town, name="Telekommunikation Nord",
                            emails=["toeb@telekom.example"])
    propose_agencies(phase=phase)
    add_agency(phase=phase, agency=telecom)
    send_invitations(phase=phase, invitation_ids=list(
        AgencyInvitation.objects.filter(phase=phase).values_list("pk", flat=True)),
        base_url=live_server.url)
    links = {}
    for message in mail.outbox:
        links[message.to[0]] = LINK.search(message.body).group(1)
    # An invitation of the closed §4(1) phase, with a link we know.
    expired_secret = new_secret()
    AgencyInvitation.objects.create(phase=early, agency=water, state=InvitationState.INVITED,
                                    token_hash=hash_secret(expired_secret),
                                    invited_at=timezone.now() - timedelta(days=59))
    return {"water": links["wasser@kreis.example"], "telecom": links["toeb@telekom.example"],
            "expired": f"/toeb/{expired_secret}/", "plan": plan}


def test_agency_submits_a_statement_with_a_pdf(page, world, artifacts_dir, tmp_path):
    page.goto(world["water"])
    # The link is exchanged for the session: the page's own address carries no token.
    assert "/toeb/zugang/" in page.url and world["water"] not in page.url
    assert page.locator("h1").inner_text().startswith("Am Mühlbach")
    assert page.locator("#deadline").is_visible()
    assert page.locator(".document-list a").all_inner_texts() == ["Begründung (Entwurf)"]
    keep_screenshot(page, artifacts_dir, "agency-page")
    assert_accessible(page)

    page.fill("#id_text", "Das Plangebiet liegt in der Trinkwasserschutzzone III. "
                          "Bitte Auflagen zur Versickerung aufnehmen.")
    page.check("#id_topics_0")
    page.fill("#id_location_text", "Flurstück 12/3")
    attachment = tmp_path / "stellungnahme-wasser.pdf"
    attachment.write_bytes(simple_pdf("Stellungnahme", ["Trinkwasserschutzzone III"]))
    page.set_input_files("#id_attachments", str(attachment))
    page.click("#statement-submit")
    page.wait_for_url("**/receipt/**")
    statement = Statement.objects.get(agency__name="Untere Wasserbehörde")
    assert page.locator("#reference").inner_text() == statement.reference
    assert statement.attachments.get().content_type == "application/pdf"
    assert statement.topics == ["Wasser"]
    keep_screenshot(page, artifacts_dir, "agency-receipt")
    assert_accessible(page)
    assert AgencyInvitation.objects.get(agency__name="Untere Wasserbehörde",
                                        phase__kind="baugb_4_2").state == InvitationState.ANSWERED

    # Back on the plan page the statement is listed and a further one is possible.
    page.click("#back-to-plan")
    assert statement.reference in page.locator("#submitted").inner_text()
    assert page.errors == []


def test_second_agency_answers_no_concerns(page, world, artifacts_dir):
    page.goto(world["telecom"])
    assert_accessible(page)
    page.click("#no-concerns-submit")
    page.wait_for_url("**/receipt/**")
    statement = Statement.objects.get(agency__name="Telekommunikation Nord")
    assert statement.no_concerns
    assert page.locator("#reference").inner_text() == statement.reference
    keep_screenshot(page, artifacts_dir, "agency-no-concerns-receipt")
    assert_accessible(page)
    assert page.errors == []


def test_expired_link_explains_itself(page, world, artifacts_dir):
    response = page.goto(world["expired"])
    assert response.status == 410
    assert page.locator("#refusal-reason").is_visible()
    assert "Musterstadt" in page.locator("#refusal-reason").inner_text()
    keep_screenshot(page, artifacts_dir, "agency-link-expired")
    assert_accessible(page)
    response = page.goto("/toeb/" + "x" * 43 + "/")
    assert response.status == 404
    assert_accessible(page)


def test_planner_proposes_and_invites_and_sees_who_answered(page, world, artifacts_dir):
    from portal.models import Role

    from ..factories import make_staff

    plan = world["plan"]
    make_staff(plan.authority, Role.PLANNER, "planerin")
    later = schedule_phase(plan=plan, kind="baugb_4_2", title="Erneute Beteiligung",
                           start_date=timezone.localdate() + timedelta(days=40),
                           end_date=timezone.localdate() + timedelta(days=75))
    page.goto("/accounts/login/")
    page.fill("#id_username", "planerin")
    page.fill("#id_password", "pw")
    page.click("main button[type=submit]")
    pass_second_factor(page)
    page.wait_for_url("**/staff/")
    page.click("#staff-agencies-link")
    page.wait_for_url("**/staff/agencies/")
    keep_screenshot(page, artifacts_dir, "staff-agencies")
    assert_accessible(page)
    page.click("#add-agency")
    page.wait_for_selector("#id_area-map[data-map-ready]")
    keep_screenshot(page, artifacts_dir, "staff-agency-form")
    assert_accessible(page)
    page.goto("/staff/agencies/")
    page.click(f"#agency-phase-{later.pk} a")
    page.click("#propose-button")
    assert page.locator("#proposal-table tbody tr").count() == 1  # the water authority's area
    page.select_option("#id_add-agency", label="Telekommunikation Nord")
    page.click("#add-agency-button")
    assert page.locator("#proposal-table tbody tr").count() == 2
    keep_screenshot(page, artifacts_dir, "staff-agency-proposals")
    assert_accessible(page)
    before = len(mail.outbox)
    page.click("#send-invitations")
    page.wait_for_selector("#not-answered-table")
    assert len(mail.outbox) == before + 2
    assert page.locator("#not-answered-table tbody tr").count() == 2
    keep_screenshot(page, artifacts_dir, "staff-agency-overview")
    assert_accessible(page)
    assert page.errors == []
