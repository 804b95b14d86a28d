"""One reminder to every invited agency that has not answered, shortly before the period ends.

Due are invitations in the state "invited" (not answered), whose link was sent, not yet
reminded, of an open agency phase that ends within ``PORTAL_AGENCY_REMINDER_DAYS`` days
(default 5; "ends" is the first instant after the last day, Europe/Berlin). Each invitation is
reminded at most once: a conditional UPDATE (``reminded_at IS NULL``) claims it before the
e-mail is sent, so two runs at the same time send one reminder; if the mail server refuses, the
claim is released and the next run tries again.

The reminder does not repeat the personal link: only its hash is stored. It names the date of
the invitation e-mail and how to get a new link (docs/agencies.md).
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ..models import AgencyInvitation, InvitationState
from .mail import reminder_message
from .phases import agency_phase_kinds

logger = logging.getLogger(__name__)

SENT = "sent"
ALREADY = "already reminded"
FAILED = "failed"


def reminder_days() -> int:
    return int(getattr(settings, "PORTAL_AGENCY_REMINDER_DAYS", 5))


def due_invitations(now: datetime | None = None, days: int | None = None):
    now = now or timezone.now()
    days = reminder_days() if days is None else days
    return (
        AgencyInvitation.objects.filter(
            state=InvitationState.INVITED, reminded_at__isnull=True, agency__is_active=True,
            phase__kind__in=agency_phase_kinds(), phase__starts_at__lte=now,
            phase__ends_before__gt=now, phase__ends_before__lte=now + timedelta(days=days),
            phase__procedure__authority__is_active=True, phase__procedure__plan__isnull=False,
        )
        .exclude(token_hash="")
        .select_related("agency", "phase__procedure__authority", "phase__procedure__plan")
        .order_by("phase__ends_before", "pk")
    )


def remind(invitation: AgencyInvitation, now: datetime | None = None) -> str:
    """Send the reminder of one invitation unless it was already reminded."""
    now = now or timezone.now()
    message = reminder_message(invitation)
    claimed = AgencyInvitation.objects.filter(
        pk=invitation.pk, state=InvitationState.INVITED, reminded_at__isnull=True,
    ).update(reminded_at=now)
    if not claimed:
        return ALREADY
    try:
        message.send()
    except Exception:  # the mail server refused: release the claim for the next run
        AgencyInvitation.objects.filter(pk=invitation.pk, reminded_at=now).update(reminded_at=None)
        logger.warning("Reminder mail for invitation %s failed", invitation.pk, exc_info=True)
        return FAILED
    invitation.reminded_at = now
    return SENT


@dataclass
class ReminderReport:
    now: datetime
    days: int
    dry_run: bool
    results: list[dict] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.results if row["outcome"] == outcome)

    def as_dict(self) -> dict:
        return {
            "now": self.now.isoformat(), "days": self.days, "dry_run": self.dry_run,
            "due": len(self.results), "sent": self.count(SENT),
            "already_reminded": self.count(ALREADY), "failed": self.count(FAILED),
            "invitations": self.results,
        }


def _row(invitation: AgencyInvitation, outcome: str) -> dict:
    phase = invitation.phase
    return {
        "invitation": str(invitation.uid), "agency": invitation.agency.name,
        "authority": phase.procedure.authority.slug, "plan": phase.procedure.plan.name,
        "phase": phase.pk, "last_day": phase.end_date.isoformat(), "outcome": outcome,
    }


def send_reminders(*, now: datetime | None = None, days: int | None = None,
                   dry_run: bool = False) -> ReminderReport:
    now = now or timezone.now()
    days = reminder_days() if days is None else days
    report = ReminderReport(now=now, days=days, dry_run=dry_run)
    for invitation in list(due_invitations(now, days)):
        outcome = "would be sent" if dry_run else remind(invitation, now)
        report.results.append(_row(invitation, outcome))
    return report
