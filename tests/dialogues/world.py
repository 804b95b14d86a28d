"""A dialogue with comments for an authority (tests and the adversarial world)."""

from datetime import timedelta

from django.utils import timezone

from participation.dialogues.kinds import OPEN_PHASE, PROCEDURE_KIND
from participation.dialogues.models import Comment, CommentStatus, Dialogue, Flag
from portal.models import Phase, Procedure


def build_dialogue(authority, *, title="Neue Mitte", secret="", open_=True,
                   switch_on=True) -> dict:
    if switch_on and not authority.has_module("dialogues"):
        authority.enabled_modules = [*(authority.enabled_modules or []), "dialogues"]
        authority.save(update_fields=["enabled_modules"])
    procedure = Procedure.objects.create(authority=authority, kind=PROCEDURE_KIND, title=title)
    today = timezone.localdate()
    start, end = ((today - timedelta(days=3), today + timedelta(days=20)) if open_
                  else (today - timedelta(days=30), today - timedelta(days=10)))
    Phase.objects.create(procedure=procedure, kind=OPEN_PHASE, start_date=start, end_date=end)
    dialogue = Dialogue.objects.create(authority=authority, procedure=procedure, title=title,
                                       text="Wie soll der Platz aussehen?",
                                       topics=["Verkehr", "Grün"])
    comment = Comment.objects.create(dialogue=dialogue, text="Mehr Bäume bitte.",
                                     guest_name="Gast", guest_email="gast@example.org",
                                     status=CommentStatus.VISIBLE,
                                     moderator_note=f"{secret} Notiz" if secret else "")
    pending = Comment.objects.create(dialogue=dialogue, text=f"{secret} wartet",
                                     guest_name=f"{secret} Gast", status=CommentStatus.PENDING)
    Flag.objects.create(comment=comment, participant_key="guest:x", reason=f"{secret} Grund")
    return {"dialogue": dialogue, "dialogue_comment": comment,
            "dialogue_pending_comment": pending}


def build_block(world, secret: str = "") -> dict:
    """A participant (the guest of the world's comment) blocked from the authority's dialogues."""
    from participation.dialogues.models import Block
    from participation.dialogues.services import email_hash

    comment = world["dialogue_comment"]
    block = Block.objects.create(authority=comment.dialogue.authority, label=f"{secret} Gast",
                                 email_hash=email_hash(comment.guest_email),
                                 reason=f"{secret} Sperrgrund", comment=comment)
    return {"dialogue_block": block}
