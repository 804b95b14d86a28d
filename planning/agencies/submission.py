"""An agency's statement or "no concerns" (Keine Bedenken), through the shared statement service.

planning.services.statements.create_statement does the work every statement shares: reference
number, idempotency, the deadline by server time, attachments checked by content, the receipt
e-mail after commit. This module adds what is particular to agencies: the submitter is the
invited agency (submitter kind "agency", its name as organisation, its first address for the
receipt), and the invitation becomes "answered" with the first statement – in the same
transaction.
"""

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import translation

from ..models import AgencyInvitation, Channel, InvitationState, Statement, SubmitterKind
from ..services.statements import Identity, Submission, create_statement
from ..statements.errors import IdempotencyConflict, StatementRefused

__all__ = ["StatementRefused", "no_concerns_text", "submit_agency_statement"]


def no_concerns_text() -> str:
    """The stored text of a "no concerns" answer without a remark (primary language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext("No concerns.")


def mark_answered(invitation: AgencyInvitation, answered_at) -> None:
    updated = AgencyInvitation.objects.filter(
        pk=invitation.pk, state=InvitationState.INVITED
    ).update(state=InvitationState.ANSWERED, answered_at=answered_at)
    if updated:
        invitation.state = InvitationState.ANSWERED
        invitation.answered_at = answered_at


def submit_agency_statement(
    *,
    invitation: AgencyInvitation,
    text: str = "",
    topics: list[str] | None = None,
    location_text: str = "",
    attachments=(),
    no_concerns: bool = False,
    idempotency_key: uuid.UUID | None = None,
) -> tuple[Statement, bool]:
    """Store the agency's statement; return (statement, created). Raises StatementRefused."""
    agency = invitation.agency
    phase = invitation.phase
    plan = phase.procedure.plan
    text = (text or "").strip()
    if no_concerns and not text:
        text = no_concerns_text()
    submission = Submission(
        text=text, no_concerns=no_concerns, topics=list(topics or []),
        location_text=location_text or "",
        identity=Identity(organisation=agency.name, email=agency.emails[0] if agency.emails else ""),
    )
    with transaction.atomic():
        statement, created = create_statement(
            plan=plan, phase=phase, submission=submission, attachments=list(attachments),
            submitter_kind=SubmitterKind.AGENCY, agency=agency, channel=Channel.ONLINE,
            idempotency_key=idempotency_key,
        )
        if statement.agency_id != agency.pk or statement.phase_id != phase.pk:
            # A key of another submitter: never show its statement.
            raise IdempotencyConflict(translation.gettext(
                "This form was already sent with different content. Reload the page to write "
                "a new statement."))
        mark_answered(invitation, statement.received_at)
    return statement, created
