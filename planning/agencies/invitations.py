"""Sending the invitations of a phase, and renewing a personal link.

Staff confirm the proposals and press "send invitations": in one transaction the chosen
proposals become "invited" (invited_at = now) and one task per invitation is queued with them
(portal.worker.outbox), so the request never waits for the mail server. The task
(``deliver_invitation``)
creates the secret, stores only its SHA-256 and sends the e-mail – the secret never passes
through the task queue or the database. A claim by conditional UPDATE (token_hash still empty)
makes a retried or duplicated task send at most one link.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Phase, PhaseState
from portal.worker.outbox import enqueue_with_transaction

from ..models import AgencyInvitation, InvitationState
from .mail import invitation_message
from .phases import is_agency_phase
from .tokens import LINKED_STATES, hash_secret, new_secret

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


def link_for(base_url: str, secret: str) -> str:
    return base_url.rstrip("/") + reverse("planning_agencies:link", kwargs={"token": secret})


def _check_base_url(base_url: str) -> None:
    if not base_url.startswith(("https://", "http://")):
        raise ValueError("base_url must be an absolute http(s) URL")


def _check_phase(phase: Phase, now) -> None:
    if not is_agency_phase(phase):
        raise ValidationError(_("Public agencies take part only in the §4 BauGB phases."))
    if phase.state(now) == PhaseState.CLOSED:
        raise ValidationError(_("The phase has ended; invitations can no longer be sent."))


def _queue_delivery(invitation_ids: list[int], base_url: str) -> None:
    from .tasks import deliver_invitation_task

    for pk in invitation_ids:  # with the invitation rows, or not at all
        enqueue_with_transaction(deliver_invitation_task, pk, base_url)


@transaction.atomic
def send_invitations(*, phase: Phase, invitation_ids, base_url: str, now=None) -> int:
    """Invite the chosen proposals of the phase; returns how many were invited."""
    now = now or timezone.now()
    _check_base_url(base_url)
    _check_phase(phase, now)
    chosen = list(
        AgencyInvitation.objects.filter(
            phase=phase, pk__in=list(invitation_ids), state=InvitationState.PROPOSED,
            agency__is_active=True,
        ).values_list("pk", flat=True)
    )
    if not chosen:
        raise ValidationError(_("Choose at least one proposed agency to invite."))
    # Conditional on the state: a concurrent "send" of the same proposals changes nothing
    # twice; a duplicate delivery task finds the link already sent and does nothing.
    count = AgencyInvitation.objects.filter(pk__in=chosen, state=InvitationState.PROPOSED).update(
        state=InvitationState.INVITED, invited_at=now, token_hash="")
    _queue_delivery(chosen, base_url)
    return count


@transaction.atomic
def renew_link(*, invitation: AgencyInvitation, base_url: str, now=None) -> None:
    """Replace the personal link (e.g. the e-mail was lost): the old link stops working."""
    now = now or timezone.now()
    _check_base_url(base_url)
    _check_phase(invitation.phase, now)
    if invitation.state not in LINKED_STATES:
        raise ValidationError(_("Only an agency that was invited can get a new link."))
    AgencyInvitation.objects.filter(pk=invitation.pk, state__in=LINKED_STATES).update(
        token_hash="")
    _queue_delivery([invitation.pk], base_url)


def deliver_invitation(invitation_id: int, base_url: str, attempt: int = 1) -> str:
    """Create the secret, store its hash, send the e-mail (run by a task)."""
    invitation = (
        AgencyInvitation.objects.select_related("agency", "phase__procedure__authority",
                                                "phase__procedure__plan")
        .filter(pk=invitation_id, state__in=LINKED_STATES, token_hash="").first()
    )
    if invitation is None:
        return "nothing to send"
    if invitation.phase.state() == PhaseState.CLOSED:
        return "phase closed"
    secret = new_secret()
    digest = hash_secret(secret)
    message = invitation_message(invitation, link_for(base_url, secret))
    claimed = AgencyInvitation.objects.filter(
        pk=invitation.pk, state__in=LINKED_STATES, token_hash="").update(token_hash=digest)
    if not claimed:
        return "already sent"
    try:
        message.send()
    except Exception:  # the mail server refused: release the claim, retry later
        AgencyInvitation.objects.filter(pk=invitation.pk, token_hash=digest).update(token_hash="")
        logger.warning("Invitation mail %s failed (attempt %s)", invitation.pk, attempt,
                       exc_info=True)
        _retry(invitation.pk, base_url, attempt)
        return "retry"
    return "sent"


def _retry(invitation_id: int, base_url: str, attempt: int) -> None:
    from .tasks import deliver_invitation_task

    if attempt >= MAX_ATTEMPTS or not deliver_invitation_task.get_backend().supports_defer:
        return  # the overview shows "e-mail not sent yet"; staff can send a new link
    deliver_invitation_task.using(
        run_after=timezone.now() + timedelta(minutes=2 ** attempt)
    ).enqueue(invitation_id, base_url, attempt + 1)
