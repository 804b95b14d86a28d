"""Public pages of a dialogue: 404 unless the module is on for the authority."""

from django.contrib import messages
from django.contrib.gis.db.models.functions import Transform
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts_citizen.services.contributions import link_contribution
from portal import privacy_notices
from portal.throttling import CLIENT, throttle

from .. import selectors
from ..forms import CommentForm, FlagForm, RateForm
from ..models import CommentStatus
from ..services import (
    NewComment,
    active_block,
    blocked_message,
    create_comment,
    flag,
    participant_key,
    rate,
)


def dialogue_list(request, authority_slug):
    authority = selectors.authority_with_module(authority_slug)
    dialogues = authority.dialogues.select_related("procedure").order_by("-created_at")
    return render(request, "dialogues/list.html",
                  {"authority": authority, "dialogues": dialogues})


def _threads(dialogue):
    comments = list(selectors.shown_comments(dialogue).order_by("created_at", "pk"))
    replies: dict[int, list] = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    return [(comment, replies.get(comment.pk, [])) for comment in comments
            if comment.parent_id is None]


@never_cache
@throttle(("dialogue-comment-client", CLIENT))
def detail(request, authority_slug, dialogue_uid):
    authority = selectors.authority_with_module(authority_slug)
    dialogue = selectors.public_dialogue(authority, dialogue_uid)
    signed_in = request.user.is_authenticated
    is_open = dialogue.is_open()
    form = CommentForm(request.POST if request.method == "POST" else None, dialogue=dialogue,
                       signed_in=signed_in)
    # The procedure's published privacy notice (dataprotection): shown, accepted, recorded.
    notice = privacy_notices.current(dialogue.procedure)
    if request.method == "POST" and is_open and notice is not None and form.is_valid():
        if request.POST.get("privacy_notice_version") != str(notice.number):
            form.add_error(None, _("The data-protection notice was changed while you were "
                                   "writing. Please read the current version (%(number)s) and "
                                   "confirm it again.") % {"number": notice.number})
        elif not request.POST.get("privacy_accepted"):
            form.add_error(None, _("Please confirm that you have read the privacy notice."))
    if request.method == "POST" and is_open and form.is_valid():
        data = form.cleaned_data
        parent = None
        if data.get("parent"):
            parent = dialogue.comments.filter(uid=data["parent"],
                                              status=CommentStatus.VISIBLE).first()
            if parent is None:
                form.add_error(None, _("The comment you reply to was not found."))
        if not form.errors:
            try:
                comment, _created = create_comment(
                    dialogue=dialogue, user=request.user,
                    idempotency_key=data["idempotency_key"],
                    base_url=request.build_absolute_uri("/"),
                    new=NewComment(notify_replies=data.get("notify_replies", False), text=data["text"], topic=data.get("topic") or "",
                                   location=data["location"], parent=parent,
                                   guest_name=data.get("guest_name", ""),
                                   guest_email=data.get("guest_email", "")))
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                privacy_notices.accepted(comment, notice)
                link_contribution(user=request.user, kind="dialogue_comment",
                                  object_uid=comment.uid)
                if comment.status == CommentStatus.VISIBLE:
                    messages.success(request, _("Thank you, your comment is published."))
                else:
                    messages.success(request, _("Thank you. Your comment will be shown once a "
                                                "moderator has released it."))
                return redirect(f"{request.path}#kommentar-{comment.uid}")
    elif request.method == "POST" and not is_open:
        form.add_error(None, _("The dialogue is not open for comments."))
    language = "en" if (request.LANGUAGE_CODE or "").startswith("en") else "de"
    reply_to = request.GET.get("antwort", "")[:40] if request.method == "GET" else ""
    if reply_to:
        form.initial["parent"] = reply_to
    return render(request, "dialogues/detail.html", {
        "authority": authority, "dialogue": dialogue, "is_open": is_open, "form": form,
        "threads": _threads(dialogue), "rate_form": RateForm(), "flag_form": FlagForm(),
        "map_config": _map_config(authority, dialogue, is_open), "notice": notice,
        "notice_text": notice.text_for(language) if notice else "", "notice_language": language,
    }, status=400 if form.is_bound and form.errors else 200)


def _map_config(authority, dialogue, is_open) -> dict:
    """The map: the dialogue's area (or the authority's), its located comments as a layer
    (drawn like statements: tooltips from plain text), drawing while the dialogue is open."""
    config: dict = {"draw": is_open, "statements": _features(dialogue)}
    area = dialogue.area or authority.jurisdiction
    if area is not None:
        extent = area.transform(4326, clone=True).extent
        config["bounds"] = [round(value, 6) for value in extent]
    return config


def _features(dialogue) -> dict:
    comments = (dialogue.comments.filter(status=CommentStatus.VISIBLE, location__isnull=False)
                .annotate(wgs84=Transform("location", 4326)))
    features = [{
        "type": "Feature",
        "id": str(comment.uid),
        "geometry": _geojson(comment.wgs84),
        "properties": {"text": comment.text, "topic": comment.topic,
                       "created": comment.created_at.isoformat(),
                       "reference": comment.topic or _("Comment"), "decision_label": "",
                       "url": f"#kommentar-{comment.uid}"},
    } for comment in comments]
    return {"type": "FeatureCollection", "features": features}


def comments_geojson(request, authority_slug, dialogue_uid):
    """The located visible comments as a GeoJSON layer (no personal data)."""
    authority = selectors.authority_with_module(authority_slug)
    dialogue = selectors.public_dialogue(authority, dialogue_uid)
    return JsonResponse(_features(dialogue), content_type="application/geo+json")


def _geojson(geometry) -> dict:
    import json
    return json.loads(geometry.json)


def _back(comment, authority):
    from django.urls import reverse
    return redirect(reverse("dialogues:detail", args=[authority.slug, comment.dialogue.uid])
                    + f"#kommentar-{comment.uid}")


@require_POST
@throttle(("dialogue-vote-client", CLIENT))
def rate_comment(request, authority_slug, comment_uid):
    authority = selectors.authority_with_module(authority_slug)
    comment = selectors.public_comment(authority, comment_uid)
    form = RateForm(request.POST)
    if not comment.dialogue.is_open():
        messages.error(request, _("The dialogue is closed: ratings are no longer possible."))
    elif not form.is_valid():
        return _refused(request, _("Choose agree or disagree."))
    elif (block := active_block(authority, user=request.user)) is not None:
        return _refused(request, blocked_message(block), status=403)
    else:
        rate(comment=comment, key=participant_key(request), value=form.cleaned_data["value"])
        messages.success(request, _("Your rating is saved. You can change it at any time."))
    return _back(comment, authority)


@require_POST
@throttle(("dialogue-vote-client", CLIENT))
def flag_comment(request, authority_slug, comment_uid):
    authority = selectors.authority_with_module(authority_slug)
    comment = selectors.public_comment(authority, comment_uid)
    form = FlagForm(request.POST)
    if form.is_valid():
        flag(comment=comment, key=participant_key(request), reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you, a moderator will look at the comment."))
    else:
        return _refused(request, _("Please say in a few words why a moderator should look "
                                   "at the comment (at most 500 characters)."))
    return _back(comment, authority)


def _refused(request, message: str, status: int = 400):
    """An incomplete rating or flag: 400 with the message, the same for everyone."""
    return render(request, "dialogues/refused.html", {"message": message}, status=status)


def summary(request, authority_slug, dialogue_uid):
    """The summary the authority published after the dialogue closed (404 before)."""
    authority = selectors.authority_with_module(authority_slug)
    dialogue = selectors.public_dialogue(authority, dialogue_uid)
    if dialogue.summary_published_at is None:
        raise Http404
    shown = dialogue.comments.filter(status=CommentStatus.VISIBLE)
    topics = [(topic, shown.filter(topic=topic).count()) for topic in dialogue.topics]
    return render(request, "dialogues/summary.html", {
        "authority": authority, "dialogue": dialogue, "comment_count": shown.count(),
        "located_count": shown.filter(location__isnull=False).count(), "topics": topics})


@never_cache
def unsubscribe(request, authority_slug, comment_uid, token):
    """The link in a reply mail: GET asks, POST stops the mails (link scanners only GET)."""
    from ..mail import token_matches
    from ..models import Comment

    authority = selectors.authority_with_module(authority_slug)
    comment = (Comment.objects.select_related("dialogue__authority")
               .filter(uid=comment_uid, dialogue__authority=authority).first())
    if comment is None or not token_matches(comment, token):
        raise Http404
    done = False
    if request.method == "POST":
        Comment.objects.filter(pk=comment.pk).update(notify_replies=False)
        done = True
    return render(request, "dialogues/unsubscribe.html", {"comment": comment, "done": done})
