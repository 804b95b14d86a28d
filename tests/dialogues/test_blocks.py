"""Blocking a participant: by account or a guest's e-mail address, refused with a message,
lifted again; tenancy and module switch."""

import uuid

import pytest
from django.urls import reverse

from participation.dialogues.models import Block, Comment, Rating

pytestmark = pytest.mark.django_db


def _post(client, world, text, **extra):
    dialogue = world["dialogue"]
    data = {"text": text, "idempotency_key": str(uuid.uuid4()), **extra}
    return client.post(reverse("dialogues:detail", args=[dialogue.authority.slug,
                                                         dialogue.uid]), data)


def _block(client, comment, reason="Beleidigungen"):
    return client.post(reverse("dialogues_staff:block", args=[comment.uid]), {"reason": reason})


def test_a_blocked_account_can_neither_comment_nor_rate_until_lifted(client, world, citizen,
                                                                      moderator):
    client.force_login(citizen)
    _post(client, world, "Erster Kommentar")
    comment = Comment.objects.get(text="Erster Kommentar")
    client.force_login(moderator)
    assert _block(client, comment, reason="").status_code == 400
    assert not Block.objects.exists()
    assert _block(client, comment).status_code == 302
    assert _block(client, comment).status_code == 400  # already blocked
    listing = client.get(reverse("dialogues_staff:list")).content.decode()
    assert "Blocked participants" in listing or "Gesperrte" in listing
    assert "Erika Muster" in listing and "Beleidigungen" in listing
    client.force_login(citizen)
    refused = _post(client, world, "Zweiter Kommentar")
    assert refused.status_code == 400 and "Beleidigungen" in refused.content.decode()
    assert not Comment.objects.filter(text="Zweiter Kommentar").exists()
    rate_url = reverse("dialogues:rate", args=[world["dialogue"].authority.slug,
                                               world["dialogue_comment"].uid])
    assert client.post(rate_url, {"value": "1"}).status_code == 403
    assert not Rating.objects.exists()
    client.force_login(moderator)
    block = Block.objects.get()
    assert client.post(reverse("dialogues_staff:unblock", args=[block.pk])).status_code == 302
    assert client.post(reverse("dialogues_staff:unblock", args=[block.pk])).status_code == 404
    client.force_login(citizen)
    assert _post(client, world, "Wieder da").status_code == 302
    assert client.post(rate_url, {"value": "1"}).status_code == 302
    assert Rating.objects.count() == 1


def test_a_guest_is_blocked_by_the_hash_of_the_address(client, world, moderator):
    guest = world["dialogue_comment"]  # written by gast@example.org
    client.force_login(moderator)
    assert _block(client, guest).status_code == 302
    block = Block.objects.get()
    assert block.account is None and "gast@example.org" not in block.email_hash
    assert len(block.email_hash) == 64
    client.logout()
    refused = _post(client, world, "Noch mal", guest_name="Anders",
                    guest_email=" GAST@example.org ")
    assert refused.status_code == 400
    assert not Comment.objects.filter(text="Noch mal").exists()
    assert _post(client, world, "Andere Person", guest_name="B",
                 guest_email="b@example.org").status_code == 302


def test_foreign_staff_and_module_off_get_404(client, world, citizen, moderator,
                                              other_moderator, town):
    comment = world["dialogue_comment"]
    client.force_login(other_moderator)
    assert _block(client, comment).status_code == 404
    client.force_login(citizen)
    assert _block(client, comment).status_code == 404
    client.force_login(moderator)
    _block(client, comment)
    block = Block.objects.get()
    client.force_login(other_moderator)
    assert client.post(reverse("dialogues_staff:unblock", args=[block.pk])).status_code == 404
    assert "Beleidigungen" not in client.get(reverse("dialogues_staff:list")).content.decode()
    town.enabled_modules = []
    town.save(update_fields=["enabled_modules"])
    client.force_login(moderator)
    assert client.post(reverse("dialogues_staff:unblock", args=[block.pk])).status_code == 404
    assert _block(client, comment).status_code == 404
    block.refresh_from_db()
    assert block.lifted_at is None
