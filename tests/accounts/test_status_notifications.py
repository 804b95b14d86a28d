"""Status changes of a citizen's statement are mailed once each, to those who want them."""

import time
import uuid
from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts_citizen.models import CitizenProfile
from planning.models import ResultRelease
from planning.statements.forms import rendered_token

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)
AFTER = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def submit(client, plan):
    key = str(uuid.uuid4())
    response = client.post(
        reverse("planning:statement-form", args=[plan.authority.slug, plan.uid]),
        {"idempotency_key": key, "rendered": rendered_token(key, at=time.time() - 60),
         "website": "", "text": "Bitte den Bach offen lassen.", "anonymous": "yes",
         "email": "", "privacy_accepted": "on", "location": ""})
    assert response.status_code == 302


def run() -> str:
    out = StringIO()
    call_command("send_citizen_notifications", stdout=out)
    return out.getvalue()


def test_each_status_change_is_mailed_once(client, signed_in, plan, phase, notice):
    with time_machine.travel(OPEN):
        submit(client, plan)
        mail.outbox.clear()
        assert "0 changed" in run() and mail.outbox == []
    with time_machine.travel(AFTER):
        run()
        assert len(mail.outbox) == 1 and mail.outbox[0].to == [signed_in.email]
        assert plan.name in mail.outbox[0].subject or plan.name in mail.outbox[0].body
        assert "\n" not in mail.outbox[0].subject
        assert "0 changed, 0 mailed" in run() and len(mail.outbox) == 1
        ResultRelease.objects.create(plan=plan, released_at=AFTER)
        run()
        assert len(mail.outbox) == 2


def test_no_mail_for_those_who_switched_it_off(client, signed_in, plan, phase, notice):
    CitizenProfile.objects.create(user=signed_in, notify_status_changes=False)
    with time_machine.travel(OPEN):
        submit(client, plan)
        mail.outbox.clear()
    with time_machine.travel(AFTER):
        assert "1 changed, 0 mailed" in run()
        assert mail.outbox == []
        assert "0 changed" in run()


def announce(base_url="https://beteiligung.example.org") -> str:
    out = StringIO()
    call_command("send_citizen_notifications", "--base-url", base_url, stdout=out)
    return out.getvalue()


def test_an_opened_participation_is_announced_once_to_followers(
        client, signed_in, plan, phase, notice):
    client.post(reverse("accounts_citizen:notifications"),
                {"notify_status_changes": "on", "notify_new_procedures": [plan.authority.pk]})
    with time_machine.travel(datetime(2026, 9, 20, 10, 0, tzinfo=UTC)):  # not yet open
        assert "0 participations announced" in announce()
    with time_machine.travel(OPEN):
        assert "1 participations announced" in announce()
        assert len(mail.outbox) == 1 and mail.outbox[0].to == [signed_in.email]
        assert "https://beteiligung.example.org" + plan.get_absolute_url() in mail.outbox[0].body
        assert "0 participations announced" in announce()
    assert len(mail.outbox) == 1


def test_unpublished_plans_are_not_announced(client, signed_in, plan, phase, notice):
    plan.is_published = False
    plan.save()
    client.post(reverse("accounts_citizen:notifications"),
                {"notify_new_procedures": [plan.authority.pk]})
    with time_machine.travel(OPEN):
        assert "0 participations announced" in announce()
    assert mail.outbox == []
