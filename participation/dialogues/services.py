"""Writes: a comment (idempotent), a rating (once per participant), a flag, moderation."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gis.errors import InputError
from gis.geojson_input import parse_geometry
from gis.geometry_guard import check_untrusted_geometry
from gis.srid import storage_srid

from .models import Block, Comment, CommentStatus, Flag, Moderation, Rating
from .sanitise import clean_comment

SESSION_KEY = "dialogue_participant"
MAX_LOCATION_VERTICES = 500


def participant_key(request) -> str:
    """Who rates or flags: the account, or a random key kept in the guest's session."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    key = request.session.get(SESSION_KEY)
    if not key:
        key = secrets.token_urlsafe(24)
        request.session[SESSION_KEY] = key
    return f"guest:{key}"


def email_hash(email: str) -> str:
    """A guest's address as a keyed hash: blocks keep no address in clear."""
    import hashlib
    import hmac

    from django.conf import settings

    normalised = (email or "").strip().lower()
    return hmac.new(settings.SECRET_KEY.encode(), f"dialogues:block:{normalised}".encode(),
                    hashlib.sha256).hexdigest()


def active_block(authority, *, user=None, guest_email: str = "") -> Block | None:
    blocks = Block.objects.filter(authority=authority, lifted_at__isnull=True)
    if user is not None and user.is_authenticated:
        return blocks.filter(account=user).first()
    if guest_email.strip():
        return blocks.filter(email_hash=email_hash(guest_email)).first()
    return None


def blocked_message(block: Block) -> str:
    return _("A moderator has blocked you from the dialogues of this authority, so your "
             "contribution was not saved. Reason: %(reason)s") % {"reason": block.reason}


def block_author(*, comment, reason: str, by) -> Block:
    """Block the comment's author (account, or the guest's e-mail address) in its authority."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for blocking the participant."))
    authority = comment.dialogue.authority
    if comment.author_id:
        lookup = {"account_id": comment.author_id}
    elif comment.guest_email:
        lookup = {"email_hash": email_hash(comment.guest_email)}
    else:
        raise ValidationError(_("This comment has no account or e-mail address to block."))
    existing = Block.objects.filter(authority=authority, lifted_at__isnull=True, **lookup).first()
    if existing is not None:
        raise ValidationError(_("This participant is already blocked."))
    try:
        with transaction.atomic():
            return Block.objects.create(authority=authority, label=comment.author_name[:200],
                                        reason=reason[:500], comment=comment, created_by=by,
                                        **lookup)
    except IntegrityError as exc:
        raise ValidationError(_("This participant is already blocked.")) from exc


def lift_block(block: Block) -> None:
    from django.utils import timezone

    Block.objects.filter(pk=block.pk, lifted_at__isnull=True).update(lifted_at=timezone.now())


def parse_location(text: str):
    """The optional GeoJSON place of a comment, guarded and in the storage SRID (or None)."""
    if not text.strip():
        return None
    try:
        geometry = parse_geometry(text, allowed={"Point", "LineString", "Polygon"},
                                  max_vertices=MAX_LOCATION_VERTICES)
        check_untrusted_geometry(geometry, max_vertices=MAX_LOCATION_VERTICES)
        geometry.transform(storage_srid())
    except InputError as exc:
        raise ValidationError(str(exc)) from exc
    return geometry


@dataclass
class NewComment:
    text: str
    topic: str = ""
    location: object = None
    parent: Comment | None = None
    guest_name: str = ""
    guest_email: str = ""
    notify_replies: bool = False


def create_comment(*, dialogue, new: NewComment, user, idempotency_key,
                   base_url: str = "") -> tuple[Comment, bool]:
    """Store a comment; a repeated submission with the same key returns the first one."""
    if not dialogue.is_open():
        raise ValidationError(_("The dialogue is not open for comments."))
    parent = new.parent
    if parent is not None:
        if parent.dialogue_id != dialogue.pk:
            raise ValidationError(_("The comment you reply to is not part of this dialogue."))
        if parent.parent_id is not None:
            parent = parent.parent  # two levels: a reply to a reply answers the first comment
    text = clean_comment(new.text)
    if not text:
        raise ValidationError(_("Please write a comment."))
    signed_in = user is not None and user.is_authenticated
    block = active_block(dialogue.authority, user=user if signed_in else None,
                         guest_email="" if signed_in else new.guest_email)
    if block is not None:
        raise ValidationError(blocked_message(block))
    shows_at_once = signed_in and dialogue.moderation == Moderation.POST
    existing = dialogue.comments.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                dialogue=dialogue, parent=parent, text=text,
                topic=new.topic if new.topic in dialogue.topics else "",
                location=new.location, author=user if signed_in else None,
                guest_name="" if signed_in else new.guest_name,
                guest_email="" if signed_in else new.guest_email,
                status=CommentStatus.VISIBLE if shows_at_once else CommentStatus.PENDING,
                notify_replies=bool(new.notify_replies and signed_in and user.email),
                idempotency_key=idempotency_key)
            if comment.status == CommentStatus.VISIBLE:
                notify_reply(comment, base_url)
    except IntegrityError:
        return dialogue.comments.get(idempotency_key=idempotency_key), False
    return comment, True


def notify_reply(reply, base_url: str) -> None:
    """Once a reply is shown, the author of the answered comment gets one mail (if asked for),
    sent after the commit."""
    if reply.parent_id is None or reply.reply_notified or not base_url:
        return
    parent = reply.parent
    if not (parent.notify_replies and parent.author_id and parent.author.email):
        return
    if reply.author_id == parent.author_id:
        return
    reply.reply_notified = True
    reply.save(update_fields=["reply_notified"])
    from .mail import send_reply_notification

    transaction.on_commit(lambda: send_reply_notification(reply.pk, base_url))


def rate(*, comment, key: str, value: int) -> Rating:
    """One rating per participant: a second one changes the first."""
    if value not in (Rating.AGREE, Rating.DISAGREE):
        raise ValidationError(_("Choose agree or disagree."))
    lookup = ({"account_id": int(key.split(":", 1)[1])} if key.startswith("user:")
              else {"guest_key": key})
    for _attempt in range(2):
        try:
            with transaction.atomic():
                rating, _created = Rating.objects.update_or_create(
                    comment=comment, **lookup, defaults={"value": value})
                return rating
        except IntegrityError:
            continue  # a parallel first rating won: update it
    raise ValidationError(_("The rating could not be saved; please try again."))


def flag(*, comment, key: str, reason: str) -> Flag:
    try:
        with transaction.atomic():
            return Flag.objects.get_or_create(comment=comment, participant_key=key,
                                              defaults={"reason": reason[:500]})[0]
    except IntegrityError:
        return Flag.objects.get(comment=comment, participant_key=key)


def moderate(*, comment, action: str, public_reason: str, note: str,
             base_url: str = "") -> Comment:
    if action == "hide":
        if not public_reason.strip():
            raise ValidationError(_("Give the reason shown publicly for hiding the comment."))
        comment.status = CommentStatus.HIDDEN
        comment.public_reason = public_reason.strip()
    elif action in ("restore", "release"):
        comment.status = CommentStatus.VISIBLE
        comment.public_reason = ""
        if action == "restore":
            comment.flags.all().delete()
    elif action != "note":
        raise ValidationError(_("Unknown action."))
    if note.strip() or action == "note":
        comment.moderator_note = note.strip()
    with transaction.atomic():
        comment.save(update_fields=["status", "public_reason", "moderator_note"])
        if comment.status == CommentStatus.VISIBLE:
            notify_reply(comment, base_url)
    return comment


@transaction.atomic
def create_dialogue(*, authority, title: str, text: str, topics: list[str], start_date,
                    end_date, moderation: str):
    """A procedure of kind "dialogue" with its open phase, and the dialogue."""
    from portal.models import Phase, Procedure

    from .kinds import OPEN_PHASE, PROCEDURE_KIND
    from .models import Dialogue

    procedure = Procedure.objects.create(authority=authority, kind=PROCEDURE_KIND, title=title)
    Phase.objects.create(procedure=procedure, kind=OPEN_PHASE, start_date=start_date,
                         end_date=end_date)
    return Dialogue.objects.create(authority=authority, procedure=procedure, title=title,
                                   text=text, topics=topics, moderation=moderation)
