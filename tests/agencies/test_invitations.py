"""Sending invitations: after commit, by a task; one personal link per agency; only the SHA-256
of its secret is stored; a new link replaces the old one; a failed mail can be retried."""

import hashlib
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from planning.agencies.invitations import deliver_invitation, renew_link, send_invitations
from planning.agencies.proposal import add_agency, propose_agencies
from planning.agencies.tokens import VALID, check_link, hash_secret
from planning.models import AgencyInvitation, InvitationState

from .conftest import BASE_URL, LINK, invite

pytestmark = pytest.mark.django_db


def test_invitation_mail_goes_out_after_commit_with_a_personal_link(
        world, clock, django_capture_on_commit_callbacks):
    propose_agencies(phase=world["phase"])
    water = AgencyInvitation.objects.get(phase=world["phase"], agency=world["water"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert send_invitations(phase=world["phase"], invitation_ids=[water.pk],
                                base_url=BASE_URL) == 1
    assert mail.outbox == []  # nothing is sent inside the transaction
    water.refresh_from_db()
    assert water.state == InvitationState.INVITED and water.invited_at is not None
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wasser@musterstadt.example", "poststelle@musterstadt.example"]
    assert message.reply_to == ["bauamt@musterstadt.example"]
    assert message.subject == ("Invitation to comment: B-Plan Musterstadt – Participation of "
                               "agencies (§4(2) BauGB)")
    assert "5 October 2026, 23:59" in message.body
    secret = LINK.search(message.body).group(1)
    html = message.alternatives[0][0]
    assert f"/toeb/{secret}/" in html
    water.refresh_from_db()
    assert water.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(AgencyInvitation.objects.filter(pk=water.pk).values().get())
    assert check_link(secret).status == VALID
    # The untouched proposal stays a proposal without a link.
    nature = AgencyInvitation.objects.get(phase=world["phase"], agency=world["nature"])
    assert nature.state == InvitationState.PROPOSED and nature.token_hash == ""


def test_each_agency_gets_its_own_link(world, clock, django_capture_on_commit_callbacks):
    secrets = invite(world, world["water"], world["telecom"], world["nature"],
                     capture=django_capture_on_commit_callbacks)
    assert len(set(secrets.values())) == 3
    for agency_pk, secret in secrets.items():
        assert check_link(secret).invitation.agency_id == agency_pk


def test_a_duplicated_delivery_sends_one_link(world, clock, django_capture_on_commit_callbacks):
    invite(world, world["water"], capture=django_capture_on_commit_callbacks)
    invitation = AgencyInvitation.objects.get(phase=world["phase"], agency=world["water"])
    before = invitation.token_hash
    assert deliver_invitation(invitation.pk, BASE_URL) == "nothing to send"
    invitation.refresh_from_db()
    assert invitation.token_hash == before and len(mail.outbox) == 1


def test_a_refused_mail_releases_the_claim(world, clock, django_capture_on_commit_callbacks):
    propose_agencies(phase=world["phase"])
    water = AgencyInvitation.objects.get(phase=world["phase"], agency=world["water"])
    with mock.patch("django.core.mail.EmailMultiAlternatives.send",
                    side_effect=ConnectionRefusedError), \
            django_capture_on_commit_callbacks(execute=True):
        send_invitations(phase=world["phase"], invitation_ids=[water.pk], base_url=BASE_URL)
    water.refresh_from_db()
    assert water.state == InvitationState.INVITED and water.token_hash == ""
    assert deliver_invitation(water.pk, BASE_URL) == "sent"
    water.refresh_from_db()
    assert water.token_hash and len(mail.outbox) == 1


def test_new_link_replaces_the_old_one(world, invited, django_capture_on_commit_callbacks):
    invitation = AgencyInvitation.objects.get(phase=world["phase"], agency=world["water"])
    with django_capture_on_commit_callbacks(execute=True):
        renew_link(invitation=invitation, base_url=BASE_URL)
    new_secret = LINK.search(mail.outbox[-1].body).group(1)
    assert new_secret != invited["water"]
    assert check_link(invited["water"]).status == "unknown"
    assert check_link(new_secret).status == VALID


def test_invitations_need_a_chosen_proposal(world, clock):
    with translation.override("en"), pytest.raises(ValidationError, match="at least one"):
        send_invitations(phase=world["phase"], invitation_ids=[], base_url=BASE_URL)


def test_a_proposal_of_another_phase_is_not_invited(world, foreign, clock):
    propose_agencies(phase=foreign["phase"])
    foreign_ids = list(AgencyInvitation.objects.filter(phase=foreign["phase"])
                       .values_list("pk", flat=True))
    add_agency(phase=world["phase"], agency=world["telecom"])
    with translation.override("en"), pytest.raises(ValidationError):
        send_invitations(phase=world["phase"], invitation_ids=foreign_ids, base_url=BASE_URL)
    assert not AgencyInvitation.objects.filter(pk__in=foreign_ids,
                                               state=InvitationState.INVITED).exists()


def test_staff_sends_invitations_from_the_page(client, planner, world, clock,
                                               django_capture_on_commit_callbacks):
    client.force_login(planner)
    phase_pk = world["phase"].pk
    client.post(reverse("planning_agencies:phase-propose", kwargs={"phase_pk": phase_pk}))
    water = AgencyInvitation.objects.get(phase_id=phase_pk, agency=world["water"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("planning_agencies:phase-proposals", kwargs={"phase_pk": phase_pk}),
            {"invite": [water.pk], "send": "1"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    secret = LINK.search(mail.outbox[0].body).group(1)
    assert AgencyInvitation.objects.get(pk=water.pk).token_hash == hash_secret(secret)


@pytest.mark.django_db(transaction=True)
def test_the_secret_never_enters_the_task_queue(world, clock, settings):
    """With the real database queue: the request only queues the invitation id; the worker
    creates the secret and sends it; the task table holds no secret."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default", "ingest"]}}
    propose_agencies(phase=world["phase"])
    water = AgencyInvitation.objects.get(phase=world["phase"], agency=world["water"])
    send_invitations(phase=world["phase"], invitation_ids=[water.pk], base_url=BASE_URL)
    assert mail.outbox == [] and DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*",
                 "--verbosity", "0")
    assert len(mail.outbox) == 1
    secret = LINK.search(mail.outbox[0].body).group(1)
    stored = " ".join(str(row) for row in DBTaskResult.objects.values())
    assert secret not in stored
    assert check_link(secret).status == VALID


def test_a_line_break_in_the_plan_name_does_not_reach_the_mail_header(
        world, clock, django_capture_on_commit_callbacks):
    from planning.models import Plan

    Plan.objects.filter(pk=world["plan"].pk).update(name="Mühlbach\r\nBcc: victim@evil.example")
    invite(world, world["telecom"], capture=django_capture_on_commit_callbacks)
    message = mail.outbox[-1].message()
    assert message["Bcc"] is None
    assert "\n" not in mail.outbox[-1].subject
    assert mail.outbox[-1].recipients() == ["telekom@musterstadt.example"]
