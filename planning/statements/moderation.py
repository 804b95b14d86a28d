"""Moderation of statements for public display (only where the phase displays statements).

The public sees `public_text` only, never the submitted text or any personal data. Approving
needs a public text (staff start from the submitted text and remove personal details); a change
of the public text of an approved statement sends it back to "not yet checked" (SECURITY D9).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ModerationState, Statement
from ..services.statements import MAX_TEXT, settings_for
from .errors import StatementRefused


def moderation_enabled(statement: Statement) -> bool:
    return settings_for(statement.phase).display_publicly


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise StatementRefused(_("The public text is too long (at most %(max)d characters).")
                               % {"max": MAX_TEXT})
    return text


@transaction.atomic
def moderate_statement(*, statement: Statement, action: str, public_text: str) -> Statement:
    """approve, reject or save the public text; returns the updated statement."""
    if not moderation_enabled(statement):
        raise StatementRefused(_("Statements of this phase are not displayed publicly, so there is nothing to moderate."))
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    text = _clean_text(public_text)
    if action == "approve":
        if not text:
            raise StatementRefused(_("Write the text for public display before approving."))
        statement.public_text, statement.moderation = text, ModerationState.APPROVED
    elif action == "reject":
        statement.public_text, statement.moderation = text, ModerationState.REJECTED
    elif action == "save":
        if text != statement.public_text and statement.moderation == ModerationState.APPROVED:
            statement.moderation = ModerationState.PENDING
        statement.public_text = text
    else:
        raise StatementRefused(_("Unknown moderation action."))
    statement.save(update_fields=["public_text", "moderation"])
    return statement
