"""Dialogues through HTTP: module switch, tenancy, sanitising, threading, rating, moderation."""

import json
import uuid

import pytest
from django.urls import reverse

from participation.dialogues.models import Comment, CommentStatus, Moderation, Rating

pytestmark = pytest.mark.django_db


def _urls(world):
    dialogue, comment = world["dialogue"], world["dialogue_comment"]
    slug = dialogue.authority.slug
    return {
        "public": [reverse("dialogues:list", args=[slug]),
                   reverse("dialogues:detail", args=[slug, dialogue.uid]),
                   reverse("dialogues:geojson", args=[slug, dialogue.uid])],
        "post": [reverse("dialogues:rate", args=[slug, comment.uid]),
                 reverse("dialogues:flag", args=[slug, comment.uid]),
                 reverse("dialogues:detail", args=[slug, dialogue.uid])],
        "staff": [reverse("dialogues_staff:list"),
                  reverse("dialogues_staff:settings", args=[dialogue.uid]),
                  reverse("dialogues_staff:comment", args=[comment.uid])],
    }


def _comment(client, world, text, **extra):
    dialogue = world["dialogue"]
    data = {"text": text, "idempotency_key": str(uuid.uuid4()), "guest_name": "Gast Name",
            "guest_email": "gast@example.org", **extra}
    return client.post(reverse("dialogues:detail", args=[dialogue.authority.slug,
                                                         dialogue.uid]), data)


def test_module_off_answers_404_everywhere(client, world, moderator, town):
    urls = _urls(world)
    town.enabled_modules = []
    town.save(update_fields=["enabled_modules"])
    for url in urls["public"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"value": "1"}).status_code == 404, url
    client.force_login(moderator)
    for url in urls["staff"]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "hide", "public_reason": "x"}).status_code == 404
    assert Comment.objects.filter(status=CommentStatus.HIDDEN).count() == 0


def test_staff_of_another_authority_gets_404(client, world, other_moderator):
    client.force_login(other_moderator)
    urls = _urls(world)
    assert client.get(urls["staff"][0]).status_code == 200  # their own list
    assert world["dialogue"].title not in client.get(urls["staff"][0]).content.decode()
    for url in urls["staff"][1:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "hide", "public_reason": "x",
                                 "moderation": "pre"}).status_code == 404, url
    world["dialogue_comment"].refresh_from_db()
    assert world["dialogue_comment"].status == CommentStatus.VISIBLE


def test_signed_in_comment_shows_and_script_is_harmless(client, world, citizen):
    client.force_login(citizen)
    text = ('<script>alert(1)</script><img src=x onerror=alert(2)> Siehe '
            '<a href="https://example.org/plan" onclick="evil()">Plan</a> '
            '<a href="javascript:alert(3)">böse</a>')
    response = _comment(client, world, text)
    assert response.status_code == 302
    comment = Comment.objects.get(author=citizen)
    assert comment.status == CommentStatus.VISIBLE
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)" not in page and "onerror" not in page
    assert "onclick" not in page and "javascript:" not in page
    assert 'href="https://example.org/plan"' in page
    geojson = client.get(reverse("dialogues:geojson", args=[world["dialogue"].authority.slug,
                                                            world["dialogue"].uid]))
    assert "<script>" not in geojson.content.decode()


def test_guest_comment_waits_for_moderation(client, world):
    response = _comment(client, world, "Ein Gastbeitrag")
    assert response.status_code == 302
    comment = Comment.objects.get(text="Ein Gastbeitrag")
    assert comment.status == CommentStatus.PENDING
    assert "Ein Gastbeitrag" not in client.get(response["Location"]).content.decode()


def test_guest_needs_name_and_email_german_errors(client, world):
    response = _comment(client, world, "Ohne Namen", guest_name="", guest_email="kaputt")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "gültige E-Mail Adresse" in page


def test_comment_is_idempotent(client, world, citizen):
    client.force_login(citizen)
    key = str(uuid.uuid4())
    for _attempt in range(2):
        assert _comment(client, world, "Doppelt", idempotency_key=key).status_code == 302
    assert Comment.objects.filter(text="Doppelt").count() == 1


def test_threads_have_two_levels_only(client, world, citizen):
    client.force_login(citizen)
    top = world["dialogue_comment"]
    _comment(client, world, "Antwort", parent=str(top.uid))
    reply = Comment.objects.get(text="Antwort")
    assert reply.parent == top
    _comment(client, world, "Antwort auf Antwort", parent=str(reply.uid))
    deeper = Comment.objects.get(text="Antwort auf Antwort")
    assert deeper.parent == top  # hangs under the first comment, not under the reply
    assert not Comment.objects.filter(parent__parent__isnull=False).exists()


def test_rating_once_per_participant(client, world, citizen):
    comment = world["dialogue_comment"]
    url = reverse("dialogues:rate", args=[comment.dialogue.authority.slug, comment.uid])
    client.force_login(citizen)
    for value in ("1", "1", "-1"):
        assert client.post(url, {"value": value}).status_code == 302
    assert list(Rating.objects.filter(comment=comment).values_list("value", flat=True)) == [-1]
    guest = client.__class__()
    for _attempt in range(3):
        guest.post(url, {"value": "1"})
    assert sorted(Rating.objects.filter(comment=comment).values_list("value", flat=True)) == [
        -1, 1]


def test_location_is_guarded_and_shown_on_the_layer(client, world, citizen):
    client.force_login(citizen)
    bad = _comment(client, world, "Falscher Ort",
                   location=json.dumps({"type": "Point", "coordinates": [999, 0]}))
    assert bad.status_code == 400
    assert not Comment.objects.filter(text="Falscher Ort").exists()
    good = _comment(client, world, "Hier",
                    location=json.dumps({"type": "Point", "coordinates": [12.37, 51.34]}))
    assert good.status_code == 302
    dialogue = world["dialogue"]
    layer = client.get(reverse("dialogues:geojson", args=[dialogue.authority.slug,
                                                          dialogue.uid])).json()
    assert [f["geometry"]["type"] for f in layer["features"]] == ["Point"]
    assert "Gast" not in json.dumps(layer) and "buergerin" not in json.dumps(layer)


def test_moderation_hide_with_public_reason_and_flags(client, world, moderator):
    comment = world["dialogue_comment"]
    client.post(reverse("dialogues:flag", args=[comment.dialogue.authority.slug, comment.uid]),
                {"reason": "beleidigend"})
    client.force_login(moderator)
    queue = client.get(reverse("dialogues_staff:list")).content.decode()
    assert "Mehr Bäume bitte." in queue
    url = reverse("dialogues_staff:comment", args=[comment.uid])
    refused = client.post(url, {"action": "hide", "public_reason": ""})
    assert refused.status_code == 400
    client.post(url, {"action": "hide", "public_reason": "Beleidigung", "note": "intern"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN and comment.moderator_note == "intern"
    client.logout()
    page = client.get(reverse("dialogues:detail", args=[comment.dialogue.authority.slug,
                                                        comment.dialogue.uid])).content.decode()
    assert "Beleidigung" in page and "Mehr Bäume bitte." not in page and "intern" not in page


def test_pre_moderation_setting(client, world, moderator, citizen):
    client.force_login(moderator)
    dialogue = world["dialogue"]
    client.post(reverse("dialogues_staff:settings", args=[dialogue.uid]), {"moderation": "pre"})
    dialogue.refresh_from_db()
    assert dialogue.moderation == Moderation.PRE
    client.force_login(citizen)
    _comment(client, world, "Vorab geprüft")
    comment = Comment.objects.get(text="Vorab geprüft")
    assert comment.status == CommentStatus.PENDING
    client.force_login(moderator)
    client.post(reverse("dialogues_staff:comment", args=[comment.uid]), {"action": "release"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE


def test_closed_dialogue_takes_no_comments(client, town, citizen):
    from .world import build_dialogue

    world = build_dialogue(town, title="Vorbei", open_=False)
    client.force_login(citizen)
    assert _comment(client, world, "Zu spät").status_code == 400
    assert not Comment.objects.filter(text="Zu spät").exists()


def test_demo_data_adds_an_open_dialogue(client):
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEBUG=True):
        call_command("demo_data")
        call_command("demo_data")
    from participation.dialogues.models import Dialogue

    dialogue = Dialogue.objects.get()
    assert dialogue.is_open() and dialogue.comments.count() == 4
    page = client.get(reverse("dialogues:detail", args=[dialogue.authority.slug, dialogue.uid]))
    assert page.status_code == 200 and "Bänke im Schatten" in page.content.decode()
    layer = client.get(reverse("dialogues:geojson", args=[dialogue.authority.slug,
                                                          dialogue.uid])).json()
    assert len(layer["features"]) == 1


def test_signed_in_comment_is_listed_under_my_contributions(client, world, citizen):
    client.force_login(citizen)
    _comment(client, world, "Mein Beitrag")
    page = client.get(reverse("accounts_citizen:contributions"))
    assert page.status_code == 200
    assert world["dialogue"].title in page.content.decode()
    comment = Comment.objects.get(text="Mein Beitrag")
    from accounts_citizen.contributions import registry

    registry.provider("dialogue_comment").forget_person([comment.uid])
    comment.refresh_from_db()
    assert comment.author is None and comment.text == "Mein Beitrag"


def test_planner_creates_a_dialogue_moderator_may_not(client, town, moderator):
    from portal.models import Role
    from tests.factories import make_staff

    client.force_login(moderator)
    assert client.get(reverse("dialogues_staff:create")).status_code == 404
    planner = make_staff(town, Role.PLANNER, username="planerin")
    client.force_login(planner)
    data = {"authority": town.pk, "title": "<b>Radwege</b>", "text": "Wo fehlen Radwege?",
            "topics": "Schule\nBahnhof\nSchule", "start_date": "2026-01-01",
            "end_date": "2099-12-31", "moderation": "post"}
    bad = client.post(reverse("dialogues_staff:create"), {**data, "end_date": "2025-01-01"})
    assert bad.status_code == 400
    response = client.post(reverse("dialogues_staff:create"), data)
    assert response.status_code == 302
    from participation.dialogues.models import Dialogue

    dialogue = Dialogue.objects.get(title="<b>Radwege</b>")
    assert dialogue.topics == ["Schule", "Bahnhof"] and dialogue.is_open()
    assert dialogue.procedure.kind == "dialogue"
    client.logout()
    home = client.get(reverse("portal:authority-home", args=[town.slug])).content.decode()
    assert "&lt;b&gt;Radwege&lt;/b&gt;" in home and "<b>Radwege" not in home
    town.enabled_modules = ["bauleitplanung"]
    town.save(update_fields=["enabled_modules"])
    home = client.get(reverse("portal:authority-home", args=[town.slug])).content.decode()
    assert "Radwege" not in home and "/dialoge/" not in home


def test_csv_export_is_formula_safe_and_staff_only(client, world, moderator, other_moderator,
                                                    citizen):
    client.force_login(citizen)
    _comment(client, world, '=HYPERLINK("http://evil.example","x")',
             location=json.dumps({"type": "Point", "coordinates": [12.37, 51.34]}))
    _comment(client, world, "  @SUM(A1)")
    url = reverse("dialogues_staff:export", args=[world["dialogue"].uid])
    assert client.get(url).status_code == 404
    client.force_login(other_moderator)
    assert client.get(url).status_code == 404
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    texts = [row[5] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in texts
    assert "'@SUM(A1)" in texts
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(row[6].startswith("POINT") for row in rows[1:])


def test_summary_is_published_after_the_dialogue_closed(client, town, moderator):
    from .world import build_dialogue

    open_world = build_dialogue(town, title="Noch offen")
    closed = build_dialogue(town, title="Vorbei", open_=False)["dialogue"]
    client.force_login(moderator)
    refused = client.post(reverse("dialogues_staff:settings", args=[open_world["dialogue"].uid]),
                          {"moderation": "post", "summary": "Zu früh", "publish_summary": "on"})
    assert refused.status_code == 400
    url = reverse("dialogues:summary", args=[town.slug, closed.uid])
    assert client.get(url).status_code == 404
    client.post(reverse("dialogues_staff:settings", args=[closed.uid]),
                {"moderation": "post", "summary": "<script>x()</script>Viele wollen Bäume.",
                 "publish_summary": "on"})
    client.logout()
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Viele wollen Bäume." in body and "<script>x()" not in body
