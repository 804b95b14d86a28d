"""The reply notification: one mail per shown reply to a comment whose author asked for it.

It holds the dialogue's title, an excerpt of the reply (plain text) and links, never another
person's name or address. The unsubscribe link carries an HMAC token of the comment, so the
portal stores nothing for it."""

import base64
import hashlib
import hmac
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator

logger = logging.getLogger(__name__)
EXCERPT_WORDS = 40


def unsubscribe_token(comment) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(),
                      f"dialogues:unsubscribe:{comment.uid}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_matches(comment, token: str) -> bool:
    return hmac.compare_digest(unsubscribe_token(comment), token)


def send_reply_notification(reply_id: int, base_url: str) -> None:
    from .export import plain_text
    from .models import Comment

    reply = (Comment.objects.select_related("dialogue__authority", "parent__author")
             .filter(pk=reply_id).first())
    if reply is None or reply.parent is None or reply.parent.author is None:
        return
    parent, dialogue = reply.parent, reply.dialogue
    slug = dialogue.authority.slug
    base = base_url.rstrip("/")
    context = {
        "dialogue": dialogue,
        "excerpt": Truncator(plain_text(reply.text)).words(EXCERPT_WORDS),
        "url": base + reverse("dialogues:detail", args=[slug, dialogue.uid])
        + f"#kommentar-{reply.uid}",
        "unsubscribe_url": base + reverse("dialogues:unsubscribe",
                                          args=[slug, parent.uid, unsubscribe_token(parent)]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext("A reply to your comment in “%(title)s”") % {
            "title": " ".join(dialogue.title.split())[:120]}
        body = render_to_string("dialogues/emails/reply.txt", context)
    try:
        message = EmailMessage(subject=subject, body=body, to=[parent.author.email],
                               from_email=settings.DEFAULT_FROM_EMAIL,
                               headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"})
        message.send()
    except Exception:  # SMTP down: the reply is safe
        logger.warning("Dialogue reply mail failed", exc_info=True)
