"""Reply notifications: opt-in, one mail per shown reply, no personal data, unsubscribe link."""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from participation.dialogues.models import Comment, CommentStatus, Moderation
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _post(client, world, text, **extra):
    dialogue = world["dialogue"]
    data = {"text": text, "idempotency_key": str(uuid.uuid4()), **extra}
    return client.post(reverse("dialogues:detail", args=[dialogue.authority.slug,
                                                         dialogue.uid]), data)


@pytest.fixture
def asked(client, world, citizen):
    client.force_login(citizen)
    _post(client, world, "Ein Radweg fehlt.", notify_replies="on")
    comment = Comment.objects.get(text="Ein Radweg fehlt.")
    assert comment.notify_replies
    client.logout()
    return comment


def test_a_reply_sends_one_mail_without_personal_data(client, world, asked,
                                                      django_capture_on_commit_callbacks):
    replier = make_user("antwortende", first_name="Rita", last_name="Geheim")
    client.force_login(replier)
    key = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        data = {"parent": str(asked.uid), "idempotency_key": key}
        _post(client, world, "Stimmt, <script>x()</script> an der Schule!", **data)
        _post(client, world, "Stimmt, <script>x()</script> an der Schule!", **data)  # repeated
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["buergerin@example.org"]
    assert "Neue Mitte" in message.subject
    assert "an der Schule" in message.body and "<script" not in message.body
    for private in ("Rita", "Geheim", "antwortende", "Erika", "Muster", "gast@example.org"):
        assert private not in message.body and private not in message.subject
    assert f"/dialoge/{world['dialogue'].uid}/#kommentar-" in message.body
    assert "List-Unsubscribe" in message.extra_headers


def test_no_mail_without_opt_in_for_own_replies_or_for_guests(client, world, citizen,
                                                             django_capture_on_commit_callbacks):
    client.force_login(citizen)
    _post(client, world, "Ohne Mail.")
    plain = Comment.objects.get(text="Ohne Mail.")
    assert not plain.notify_replies
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, world, "Antwort 1", parent=str(plain.uid))
    assert mail.outbox == []
    _post(client, world, "Mit Mail.", notify_replies="on")
    own = Comment.objects.get(text="Mit Mail.")
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, world, "Eigene Antwort", parent=str(own.uid))
    assert mail.outbox == []
    client.logout()
    page = client.get(reverse("dialogues:detail", args=[world["dialogue"].authority.slug,
                                                        world["dialogue"].uid])).content.decode()
    assert 'name="notify_replies"' not in page  # guests' addresses are not confirmed
    _post(client, world, "Gast will Mail", guest_name="G", guest_email="g@example.org",
          notify_replies="on")
    assert not Comment.objects.get(text="Gast will Mail").notify_replies


def test_a_pre_moderated_reply_mails_when_released(client, world, asked, moderator,
                                                   django_capture_on_commit_callbacks):
    world["dialogue"].moderation = Moderation.PRE
    world["dialogue"].save(update_fields=["moderation"])
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, world, "Gast antwortet", parent=str(asked.uid), guest_name="Gast B",
              guest_email="b@example.org")
    assert mail.outbox == []
    reply = Comment.objects.get(text="Gast antwortet")
    assert reply.status == CommentStatus.PENDING
    client.force_login(moderator)
    url = reverse("dialogues_staff:comment", args=[reply.uid])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "release", "public_reason": "", "note": ""})
        client.post(url, {"action": "restore", "public_reason": "", "note": ""})
    assert len(mail.outbox) == 1
    assert "Gast B" not in mail.outbox[0].body and "b@example.org" not in mail.outbox[0].body


def test_unsubscribe_link_stops_the_mails(client, world, asked,
                                          django_capture_on_commit_callbacks):
    replier = make_user("antwortende")
    client.force_login(replier)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, world, "Erste Antwort", parent=str(asked.uid))
    link = re.search(r"https?://\S+/abbestellen/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    client.logout()
    wrong = path.rsplit("/", 2)[0] + "/falsch/"
    assert client.get(wrong).status_code == 404
    assert client.get(path).status_code == 200
    asked.refresh_from_db()
    assert asked.notify_replies  # GET only asks
    assert client.post(path).status_code == 200
    asked.refresh_from_db()
    assert not asked.notify_replies
    client.force_login(replier)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, world, "Zweite Antwort", parent=str(asked.uid))
    assert len(mail.outbox) == 1
    town = world["dialogue"].authority
    town.enabled_modules = []
    town.save(update_fields=["enabled_modules"])
    assert client.get(path).status_code == 404
