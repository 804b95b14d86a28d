"""/api/dialogues/<uid>/comments/: published comments only, no personal data, GeoJSON place."""

import json
import uuid

import pytest
from django.urls import reverse

from participation.dialogues.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db


def _url(dialogue):
    return reverse("api:dialogue-comments", args=[dialogue.uid])


def test_lists_published_comments_without_personal_data(client, world, citizen):
    dialogue = world["dialogue"]
    client.force_login(citizen)
    client.post(reverse("dialogues:detail", args=[dialogue.authority.slug, dialogue.uid]),
                {"text": "<script>alert(1)</script>Hier <b>fehlt</b> ein Baum",
                 "idempotency_key": str(uuid.uuid4()), "notify_replies": "on",
                 "location": json.dumps({"type": "Point", "coordinates": [12.37, 51.34]})})
    Comment.objects.create(dialogue=dialogue, text="Versteckt", status=CommentStatus.HIDDEN,
                           public_reason="Beleidigung", moderator_note="intern")
    client.logout()
    response = client.get(_url(dialogue))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["count"] == 2  # the world's visible comment and the citizen's
    texts = [item["text"] for item in data["results"]]
    assert "Mehr Bäume bitte." in texts
    located = next(item for item in data["results"] if item["location"])
    assert "<" not in located["text"] and "fehlt" in located["text"]
    assert located["location"]["type"] == "Point"
    lon, lat = located["location"]["coordinates"]
    assert abs(lon - 12.37) < 1e-6 and abs(lat - 51.34) < 1e-6
    assert located["author"] == "Erika Muster"
    body = response.content.decode()
    for private in ("wartet", "Versteckt", "intern", "Beleidigung", "gast@example.org",
                    "buergerin", "<script", "notify", "moderator"):
        assert private not in body
    assert set(located) == {"id", "reply_to", "created", "topic", "text", "author", "agree",
                            "disagree", "location"}


def test_paginated(client, world):
    for number in range(3):
        Comment.objects.create(dialogue=world["dialogue"], text=f"Nr {number}",
                               status=CommentStatus.VISIBLE, guest_name="G")
    data = client.get(_url(world["dialogue"]), {"limit": 2}).json()
    assert data["count"] == 4 and len(data["results"]) == 2 and "offset=2" in data["next"]


def test_module_off_or_unknown_answers_404(client, world, town):
    assert client.get(reverse("api:dialogue-comments", args=[uuid.uuid4()])).status_code == 404
    town.enabled_modules = []
    town.save(update_fields=["enabled_modules"])
    assert client.get(_url(world["dialogue"])).status_code == 404
